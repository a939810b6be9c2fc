import type { NotificationChannel, NotificationType, Preferences } from '@kalendaryo/contract';
import { notificationChannels, notificationTypes } from '@kalendaryo/contract/values';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { TextField } from '../../app/ui/field';
import { channelLabels, typeLabels } from './format';
import { disablePush, enablePush, type PushState, pushState } from './push';

type Channels = Preferences['channels'];

/** Message types down, channels across: which messages reach the person where. The inbox always does. */
export function ChannelsGrid({ value, onChange }: { value: Channels; onChange: (v: Channels) => void }) {
  const toggle = (type: NotificationType, channel: NotificationChannel, on: boolean) => {
    const now = new Set(value[type] ?? []);
    if (on) now.add(channel);
    else now.delete(channel);
    now.add('in_app');
    onChange({ ...value, [type]: notificationChannels.filter((c) => now.has(c)) });
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label="Channels per message" tabIndex={0}>
      <table className="table channel-grid">
        <caption>Where each kind of message reaches you</caption>
        <thead>
          <tr>
            <th scope="col">Message</th>
            {notificationChannels.map((c) => (
              <th key={c} scope="col">
                {channelLabels[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {notificationTypes.map((t) => (
            <tr key={t}>
              <th scope="row">{typeLabels[t]}</th>
              {notificationChannels.map((c) => (
                <td key={c}>
                  <input
                    type="checkbox"
                    aria-label={`${typeLabels[t]} by ${channelLabels[c].toLowerCase()}`}
                    checked={c === 'in_app' || (value[t] ?? []).includes(c)}
                    disabled={c === 'in_app'}
                    onChange={(e) => toggle(t, c, e.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A labelled `<input type="time">` for an `HH:MM` preference. */
export function TimeField(props: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  disabled?: boolean;
  onChange: (v: string) => void;
}) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      type="time"
      value={props.value}
      error={props.error}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** ISO weekdays (1 = Monday) as checkboxes. */
export function WeekdaysField({
  value,
  onChange,
  error,
}: {
  value: number[];
  onChange: (days: number[]) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset className="field weekdays-field" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>Working days</legend>
      <ul className="chips">
        {weekdays.map((name, i) => (
          <li key={name}>
            <label className="chip">
              <input
                type="checkbox"
                name="workingHours.days"
                checked={value.includes(i + 1)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...value, i + 1].sort((a, b) => a - b)
                      : value.filter((d) => d !== i + 1),
                  )
                }
              />
              {name}
            </label>
          </li>
        ))}
      </ul>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

const pushStateText: Record<PushState, string> = {
  on: 'Browser notifications are on for this browser.',
  off: 'Browser notifications are off for this browser.',
  blocked:
    'This browser blocks notifications from Kalendaryo. Allow them in the browser’s site settings, then come back.',
  unsupported: 'This browser cannot show notifications from Kalendaryo.',
};

/** "Enable browser notifications": permission, a push subscription, and where things stand. */
export function PushControl() {
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: ['push-state'], queryFn: pushState, staleTime: 0 });
  const enable = useMutation({
    mutationFn: (on: boolean) => (on ? enablePush() : disablePush()),
    onSuccess: (s) => queryClient.setQueryData(['push-state'], s),
  });
  const current = state.data;
  return (
    <section className="card" aria-labelledby="push-heading">
      <h2 id="push-heading">Browser notifications</h2>
      <p role="status">{current ? pushStateText[current] : 'Checking this browser…'}</p>
      <FormMessage tone="error">
        {enable.isError
          ? `Could not turn ${enable.variables ? 'on' : 'off'} browser notifications. ${errorMessage(enable.error)}`
          : null}
      </FormMessage>
      {current === 'off' ? (
        <button
          type="button"
          className="button"
          disabled={enable.isPending}
          onClick={() => enable.mutate(true)}
        >
          {enable.isPending ? 'Asking the browser…' : 'Enable browser notifications'}
        </button>
      ) : current === 'on' ? (
        <button
          type="button"
          className="button button--ghost"
          disabled={enable.isPending}
          onClick={() => enable.mutate(false)}
        >
          Turn off for this browser
        </button>
      ) : null}
      <p className="field-hint">
        Then tick “Browser” above for the messages you want to pop up, even with Kalendaryo closed.
      </p>
    </section>
  );
}
