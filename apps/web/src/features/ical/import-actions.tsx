import type { Calendar } from '@kalendaryo/contract';
import { useState } from 'react';
import { ImportDialog } from './import-dialog';
import { SubscriptionsDialog } from './subscriptions-dialog';

/**
 * Where calendars are listed: "Import into …" for each calendar the person may edit (not
 * subscribed ones, which are read-only) and "Subscribe to a calendar by URL".
 */
export function CalendarImportActions({ calendars }: { calendars: readonly Calendar[] }) {
  const [importing, setImporting] = useState<Calendar | null>(null);
  const [subscribing, setSubscribing] = useState(false);
  const editable = calendars.filter((c) => c.permission !== 'view' && !c.readOnly);
  return (
    <>
      <ul className="calendar-share-list" aria-label="Import and subscribe">
        {editable.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setImporting(c)}
            >
              Import into {c.name}
            </button>
          </li>
        ))}
        <li>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setSubscribing(true)}
          >
            Subscribe to a calendar by URL
          </button>
        </li>
      </ul>
      {importing ? <ImportDialog calendar={importing} onClose={() => setImporting(null)} /> : null}
      {subscribing ? <SubscriptionsDialog onClose={() => setSubscribing(false)} /> : null}
    </>
  );
}
