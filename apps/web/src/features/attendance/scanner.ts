// Camera (BarcodeDetector, else jsQR) and NFC (Web NFC) readers for the organiser's scanner.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;

interface NdefRecord {
  recordType: string;
  data?: DataView;
  encoding?: string;
}
interface NdefReaderLike {
  scan(options?: { signal?: AbortSignal }): Promise<void>;
  addEventListener(type: 'reading', listener: (e: { message: { records: NdefRecord[] } }) => void): void;
  addEventListener(type: 'readingerror', listener: () => void): void;
}
type NdefReaderCtor = new () => NdefReaderLike;

export const hasNfc = (): boolean => typeof window !== 'undefined' && 'NDEFReader' in window;
export const hasCamera = (): boolean =>
  typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

/** Reads NFC tags until `signal` aborts; each text or URL record is passed to `onText`. */
export async function readNfc(signal: AbortSignal, onText: (text: string) => void, onError: () => void) {
  const Reader = (window as unknown as { NDEFReader: NdefReaderCtor }).NDEFReader;
  const reader = new Reader();
  reader.addEventListener('reading', ({ message }) => {
    for (const record of message.records) {
      if ((record.recordType === 'text' || record.recordType === 'url') && record.data) {
        onText(new TextDecoder(record.encoding ?? 'utf-8').decode(record.data));
      }
    }
  });
  reader.addEventListener('readingerror', onError);
  await reader.scan({ signal });
}

/**
 * Opens the back camera in `video` and reports each QR code read (the same text is reported once
 * per 3 seconds). Returns a function that stops the camera.
 */
export async function startCamera(
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' } },
    audio: false,
  });
  video.srcObject = stream;
  video.setAttribute('playsinline', 'true');
  await video.play();
  let stopped = false;
  const last = { text: '', at: 0 };
  const report = (text: string) => {
    const now = Date.now();
    if (text === last.text && now - last.at < 3000) return;
    last.text = text;
    last.at = now;
    onText(text);
  };

  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  let detect: () => Promise<string | null>;
  if (Detector) {
    const detector = new Detector({ formats: ['qr_code'] });
    detect = async () => (await detector.detect(video))[0]?.rawValue ?? null;
  } else {
    const { default: jsQR } = await import('jsqr');
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    detect = async () => {
      if (!context || !video.videoWidth) return null;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
    };
  }

  const loop = async () => {
    if (stopped) return;
    try {
      const text = await detect();
      if (text) report(text);
    } catch {
      // A frame that cannot be read; try the next one.
    }
    if (!stopped) window.setTimeout(() => void loop(), 250);
  };
  void loop();

  return () => {
    stopped = true;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
