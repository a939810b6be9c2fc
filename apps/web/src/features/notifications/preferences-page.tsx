import type { Preferences, PreferencesPatch } from '@kalendaryo/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { focusFirstInvalid, TextField } from '../../app/ui/field';
import { useDocumentTitle } from '../../app/use-document-title';
import { preferencesKey, preferencesQuery, savePreferences } from './notifications-api';
import { ChannelsGrid, PushControl, TimeField, WeekdaysField } from './preference-sections';
import { RemindersField } from './reminders-field';

/** E.164 as the contract checks it (`E164` in packages/contract/src/notifications.ts). */
const E164 = /^\+[1-9]\d{6,14}$/;
const PHONE_HINT = 'In international form, e.g. +639171234567. Needed for SMS.';

/** Why a typed phone number would be refused, or undefined when it is fine (empty means none). */
export function phoneProblem(phone: string): string | undefined {
  const p = phone.trim();
  if (p === '' || E164.test(p)) return undefined;
  if (!p.startsWith('+')) return 'Start with + and the country code, e.g. +639171234567.';
  return 'A phone number in international form: + and 7 to 15 digits, e.g. +639171234567.';
}

const fieldOrder = [
  'phone',
  'quietHours.start',
  'quietHours.end',
  'workingHours.start',
  'workingHours.end',
  'digest.time',
];

/** The server's message for a field or anything inside it (`channels.reminder.1` for `channels`). */
const under = (fields: Record<string, string>, prefix: string): string | undefined =>
  Object.entries(fields).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

/** Fields the form shows a message beside; any other refusal is named in the notice above. */
const shownBeside = [...fieldOrder, 'channels', 'defaultReminders', 'workingHours.days'];

function toPatch(p: Preferences, phone: string): PreferencesPatch {
  return {
    channels: p.channels,
    defaultReminders: p.defaultReminders,
    quietHours: p.quietHours,
    workingHours: p.workingHours,
    digest: p.digest,
    phone: phone.trim() || null,
  };
}

/** `/settings/notifications`: channels per message, default reminders, quiet and working hours, digest, phone, push. */
export function PreferencesPage() {
  useDocumentTitle('Notification preferences');
  const queryClient = useQueryClient();
  const loaded = useQuery(preferencesQuery);
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [phone, setPhone] = useState('');
  const [phoneTouched, setPhoneTouched] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (prefs || !loaded.data) return;
    setPrefs(loaded.data);
    setPhone(loaded.data.phone ?? '');
  }, [loaded.data, prefs]);

  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: (saved) => {
      queryClient.setQueryData(preferencesKey, saved);
      setPrefs(saved);
      setPhone(saved.phone ?? '');
    },
    onError: (e) => {
      if (!(e instanceof ApiError)) return;
      const fields = Object.keys(e.fields);
      focusFirstInvalid(formRef.current, [...fieldOrder.filter((f) => fields.includes(f)), ...fields]);
    },
  });

  if (loaded.isError && !prefs) return <FormMessage tone="error">{errorMessage(loaded.error)}</FormMessage>;
  if (!prefs) return <p role="status">Loading your preferences…</p>;

  const server = save.error instanceof ApiError ? save.error.fields : {};
  const phoneError = (phoneTouched ? phoneProblem(phone) : undefined) ?? server.phone;
  const set = (patch: Partial<Preferences>) => {
    save.reset();
    setPrefs({ ...prefs, ...patch });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setPhoneTouched(true);
    if (phoneProblem(phone)) {
      focusFirstInvalid(formRef.current, ['phone']);
      return;
    }
    save.mutate(toPatch(prefs, phone));
  };
  const q = prefs.quietHours;
  const w = prefs.workingHours;

  return (
    <>
      <div className="page-header">
        <h1>Notification preferences</h1>
        <Link to="/notifications" className="button button--ghost">
          Back to the inbox
        </Link>
      </div>
      <div className="preferences-page">
        <form
          ref={formRef}
          className="stack"
          noValidate
          onSubmit={onSubmit}
          aria-label="Notification preferences"
        >
          <FormMessage tone="success">{save.isSuccess ? 'Your preferences are saved.' : null}</FormMessage>
          <FormMessage tone="error">
            {save.isError
              ? Object.keys(server).length > 0
                ? [
                    'Some preferences need attention: see the marked fields.',
                    ...Object.entries(server)
                      .filter(([k]) => !shownBeside.some((f) => k === f || k.startsWith(`${f}.`)))
                      .map(([k, m]) => `${k}: ${m}`),
                  ].join(' ')
                : errorMessage(save.error)
              : null}
          </FormMessage>
          <section className="card" aria-labelledby="channels-heading">
            <h2 id="channels-heading">Channels</h2>
            <p className="field-hint">
              Everything arrives in your inbox here; choose where else each kind reaches you.
            </p>
            <ChannelsGrid value={prefs.channels} onChange={(channels) => set({ channels })} />
            {under(server, 'channels') ? <p className="field-error">{under(server, 'channels')}</p> : null}
          </section>
          <section className="card" aria-labelledby="reminders-heading">
            <h2 id="reminders-heading">Reminders</h2>
            <RemindersField
              legend="Default reminders"
              hint="Before each event you take part in, unless you set other times for that event."
              value={prefs.defaultReminders}
              error={under(server, 'defaultReminders')}
              onChange={(defaultReminders) => set({ defaultReminders })}
            />
          </section>
          <section className="card form" aria-labelledby="quiet-heading">
            <h2 id="quiet-heading">Quiet hours</h2>
            <p className="field-hint">Messages that arrive then wait until quiet hours end; none are lost.</p>
            <label className="check">
              <input
                type="checkbox"
                checked={q.enabled}
                onChange={(e) => set({ quietHours: { ...q, enabled: e.target.checked } })}
              />
              Hold messages during quiet hours
            </label>
            <div className="inline-fields">
              <TimeField
                name="quietHours.start"
                label="From"
                value={q.start}
                disabled={!q.enabled}
                error={server['quietHours.start']}
                onChange={(start) => set({ quietHours: { ...q, start } })}
              />
              <TimeField
                name="quietHours.end"
                label="Until"
                value={q.end}
                disabled={!q.enabled}
                error={server['quietHours.end']}
                onChange={(end) => set({ quietHours: { ...q, end } })}
              />
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={q.remindersExempt}
                disabled={!q.enabled}
                onChange={(e) => set({ quietHours: { ...q, remindersExempt: e.target.checked } })}
              />
              Reminders still arrive during quiet hours
            </label>
          </section>
          <section className="card form" aria-labelledby="working-heading">
            <h2 id="working-heading">Working hours</h2>
            <WeekdaysField
              value={w.days}
              error={under(server, 'workingHours.days')}
              onChange={(days) => set({ workingHours: { ...w, days } })}
            />
            <div className="inline-fields">
              <TimeField
                name="workingHours.start"
                label="Start"
                value={w.start}
                error={server['workingHours.start']}
                onChange={(start) => set({ workingHours: { ...w, start } })}
              />
              <TimeField
                name="workingHours.end"
                label="End"
                value={w.end}
                error={server['workingHours.end']}
                onChange={(end) => set({ workingHours: { ...w, end } })}
              />
            </div>
          </section>
          <section className="card form" aria-labelledby="digest-heading">
            <h2 id="digest-heading">Daily digest</h2>
            <label className="check">
              <input
                type="checkbox"
                checked={prefs.digest.enabled}
                onChange={(e) => set({ digest: { ...prefs.digest, enabled: e.target.checked } })}
              />
              Send me a daily digest: today’s events, bookings due, approvals waiting, unanswered invitations
            </label>
            <div className="inline-fields">
              <TimeField
                name="digest.time"
                label="Digest time"
                value={prefs.digest.time}
                disabled={!prefs.digest.enabled}
                error={server['digest.time']}
                onChange={(time) => set({ digest: { ...prefs.digest, time } })}
              />
            </div>
          </section>
          <section className="card form" aria-labelledby="phone-heading">
            <h2 id="phone-heading">Phone for SMS</h2>
            <TextField
              name="phone"
              label="Mobile number"
              type="tel"
              autoComplete="tel"
              hint={PHONE_HINT}
              value={phone}
              error={phoneError}
              onBlur={() => setPhoneTouched(true)}
              onChange={(e) => {
                save.reset();
                setPhone(e.target.value);
              }}
            />
          </section>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save preferences'}
            </button>
          </div>
        </form>
        <PushControl />
      </div>
    </>
  );
}
