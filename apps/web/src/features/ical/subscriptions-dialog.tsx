import type { Subscription } from '@kalendaryo/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage, isApiError } from '../../app/api';
import { Dialog } from '../../app/ui/dialog';
import { calendarsQuery, feedKey } from '../calendar/calendar-api';
import { refreshSubscription, subscribe, subscriptionsQuery } from './ical-api';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** One subscribed calendar: its address, when it last matched its source, and why it failed. */
function SubscriptionRow({ sub }: { sub: Subscription }) {
  const client = useQueryClient();
  const refresh = useMutation({
    mutationFn: () => refreshSubscription(sub.id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: subscriptionsQuery.queryKey });
      void client.invalidateQueries({ queryKey: feedKey });
    },
  });
  return (
    <li className="subscription">
      <span className="swatch" style={{ background: sub.color }} aria-hidden="true" />
      <div>
        <strong>{sub.name}</strong> <small>{sub.url}</small>
        <p>
          Last refreshed: {when(sub.lastRefreshAt)} · last success: {when(sub.lastSuccessAt)}
        </p>
        {sub.lastError ? (
          <p role="status" className="subscription-error">
            Last error: {sub.lastError}
          </p>
        ) : null}
        {refresh.error ? <p role="alert">{errorMessage(refresh.error)}</p> : null}
      </div>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={refresh.isPending}
        onClick={() => refresh.mutate()}
      >
        Refresh {sub.name}
      </button>
    </li>
  );
}

/**
 * "Subscribe to a calendar by URL": a holiday or partner calendar becomes a read-only calendar
 * here, refreshed on a schedule; the list shows each one's last refresh and last error.
 */
export function SubscriptionsDialog({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const subs = useQuery(subscriptionsQuery);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [color, setColor] = useState('#7c3aed');
  const create = useMutation({
    mutationFn: () => subscribe({ url, name, color }),
    onSuccess: () => {
      setUrl('');
      setName('');
      void client.invalidateQueries({ queryKey: subscriptionsQuery.queryKey });
      void client.invalidateQueries({ queryKey: calendarsQuery.queryKey });
      void client.invalidateQueries({ queryKey: feedKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const fields = isApiError(create.error) ? create.error.fields : {};

  return (
    <Dialog title="Subscribe to a calendar by URL" open onClose={onClose} className="share-dialog">
      <form className="share-section subscribe-form" onSubmit={submit}>
        <label>
          Address (https:// or webcal://)
          <input
            type="text"
            inputMode="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="webcal://example.org/holidays.ics"
            aria-invalid={fields.url ? true : undefined}
          />
        </label>
        <label>
          Name
          <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        <label>
          Colour
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Subscribing…' : 'Subscribe'}
        </button>
        {create.error ? <p role="alert">{errorMessage(create.error)}</p> : null}
        {create.data?.lastError ? (
          <p role="status">
            “{create.data.name}” was added but could not be read yet: {create.data.lastError}
          </p>
        ) : null}
      </form>
      <section className="share-section" aria-labelledby="subscriptions-heading">
        <h3 id="subscriptions-heading">Subscribed calendars</h3>
        {subs.data && subs.data.length === 0 ? <p>None yet.</p> : null}
        <ul className="subscriptions">
          {(subs.data ?? []).map((s) => (
            <SubscriptionRow key={s.id} sub={s} />
          ))}
        </ul>
        <p className="hint">
          Subscribed calendars are read-only here: they change when their source changes.
        </p>
      </section>
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
