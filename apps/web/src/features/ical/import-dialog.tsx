import type { Calendar, ImportResult } from '@kalendaryo/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../../app/api';
import { Dialog } from '../../app/ui/dialog';
import { feedKey } from '../calendar/calendar-api';
import { importFile } from './ical-api';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The counts of an import or its preview, in words, with the reasons for what is skipped. */
function Counts({ result, preview }: { result: ImportResult; preview: boolean }) {
  return (
    <div className="import-counts" aria-live="polite">
      <p>
        {preview ? 'This file will add ' : 'Added '}
        <strong>{plural(result.created, 'new item', 'new items')}</strong>, {preview ? 'update ' : 'updated '}
        <strong>{result.updated}</strong>, and leave <strong>{result.unchanged}</strong> unchanged.
      </p>
      {result.skipped.length > 0 ? (
        <>
          <p>{plural(result.skipped.length, 'item is', 'items are')} skipped:</p>
          <ul className="import-skipped">
            {result.skipped.map((s) => (
              <li key={`${s.uid}:${s.reason}`}>
                <code>{s.uid || '(no UID)'}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * Importing an .ics file into one calendar: choose a file, see what it would create, update and
 * skip (a dry run on the server), then confirm. Re-importing the same file updates by UID.
 */
export function ImportDialog({ calendar, onClose }: { calendar: Calendar; onClose: () => void }) {
  const client = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const preview = useMutation({
    mutationFn: (text: string) => importFile(calendar.id, text, true),
  });
  const run = useMutation({
    mutationFn: (text: string) => importFile(calendar.id, text, false),
    onSuccess: () => client.invalidateQueries({ queryKey: feedKey }),
  });
  const choose = async (chosen: File | undefined) => {
    run.reset();
    if (!chosen) {
      setFile(null);
      return;
    }
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    preview.mutate(text);
  };
  const error = preview.error ?? run.error;

  return (
    <Dialog
      title={`Import into “${calendar.name}”`}
      open
      onClose={onClose}
      className="share-dialog import-dialog"
    >
      <section className="share-section">
        <label htmlFor={fileId}>
          Calendar file (.ics) from Google, Outlook, Apple, Thunderbird or Nextcloud
        </label>
        <input
          id={fileId}
          type="file"
          accept=".ics,.ical,.ifb,text/calendar"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        {preview.isPending ? <p>Reading {file?.name}…</p> : null}
        {preview.data && !run.data ? <Counts result={preview.data} preview /> : null}
        {run.data ? <Counts result={run.data} preview={false} /> : null}
        {error ? <p role="alert">{errorMessage(error)}</p> : null}
      </section>
      <div className="form-actions">
        {run.data ? null : (
          <button
            type="button"
            className="button button--primary"
            disabled={!file || !preview.data || run.isPending}
            onClick={() => file && run.mutate(file.text)}
          >
            {run.isPending ? 'Importing…' : 'Import'}
          </button>
        )}
        <button type="button" className="button" onClick={onClose} data-autofocus>
          {run.data ? 'Done' : 'Cancel'}
        </button>
      </div>
    </Dialog>
  );
}
