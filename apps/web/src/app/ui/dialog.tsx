import { type CSSProperties, type ReactNode, useEffect, useId, useRef } from 'react';

interface DialogProps {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  style?: CSSProperties | undefined;
  /** Where focus goes when the dialog closes, when the opener may be gone by then. */
  returnFocus?: () => HTMLElement | null | undefined;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, makes the page behind inert,
 * closes on Escape and returns focus to the control that opened it. A child marked
 * `data-autofocus` gets the focus on opening (the safe choice in a destructive confirmation).
 */
export function Dialog({ title, open, onClose, children, className, style, returnFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const onDialogClose = () => {
    onClose();
    const target = returnFocus?.();
    if (target?.isConnected) target.focus();
  };

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      aria-modal="true"
      style={style}
      onClose={onDialogClose}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
