import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { isApiError } from '../../app/api';
import { useDebouncedValue } from '../../app/use-debounced-value';
import { previewRecurrence } from './calendar-api';
import {
  type Ends,
  type Frequency,
  monthNames,
  positions,
  type RuleErrors,
  type RuleForm,
  ruleToRRule,
  validateRuleForm,
  type Weekday,
  weekdayNames,
  weekdays,
} from './recurrence-form';
import { formatWall, wallOf } from './zoned';

interface Props {
  rule: RuleForm;
  onChange: (rule: RuleForm) => void;
  /** First start: a wall time 'YYYY-MM-DDTHH:mm:ss', or a date for all-day items. */
  dtstart: string;
  allDay: boolean;
  zone: string | null;
}

const freqOptions: { value: Frequency; label: string }[] = [
  { value: 'none', label: 'Does not repeat' },
  { value: 'DAILY', label: 'Daily' },
  { value: 'WEEKLY', label: 'Weekly' },
  { value: 'MONTHLY', label: 'Monthly' },
  { value: 'YEARLY', label: 'Yearly' },
];
const units: Record<Exclude<Frequency, 'none'>, string> = {
  DAILY: 'day(s)',
  WEEKLY: 'week(s)',
  MONTHLY: 'month(s)',
  YEARLY: 'year(s)',
};

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p className="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {text}
    </p>
  ) : null;
}

/** The next occurrences of the rule, from the server's expansion (debounced while typing). */
function RulePreview({
  dtstart,
  zone,
  rrule,
  allDay,
}: {
  dtstart: string;
  zone: string | null;
  rrule: string;
  allDay: boolean;
}) {
  const body = useDebouncedValue({ dtstart, tzid: zone, rrule, limit: 10 }, 400);
  const preview = useQuery({
    queryKey: ['recurrence-preview', body],
    queryFn: ({ signal }) => previewRecurrence(body, signal),
    staleTime: 60_000,
    retry: false,
  });
  const format = (value: string) => {
    const wall = /Z$/.test(value) && zone ? wallOf(Date.parse(value), zone) : value.slice(0, 19);
    return formatWall(
      wall,
      allDay
        ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
        : {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
          },
    );
  };
  return (
    <section
      className="rule-preview"
      aria-label="Next occurrences"
      aria-live="polite"
      aria-busy={preview.isFetching}
    >
      <h3>Next occurrences</h3>
      {preview.isError ? (
        <p className="field-error" role="alert">
          {isApiError(preview.error) ? preview.error.friendly : 'The preview could not be loaded.'}
        </p>
      ) : preview.data ? (
        preview.data.occurrences.length ? (
          <ol>
            {preview.data.occurrences.map((o) => (
              <li key={o}>{format(o)}</li>
            ))}
          </ol>
        ) : (
          <p>This rule makes no occurrences.</p>
        )
      ) : (
        <p>Working out the dates…</p>
      )}
    </section>
  );
}

/** The recurrence part of the item form, with the errors shown as the person types. */
export function RecurrenceBuilder({ rule, onChange, dtstart, allDay, zone }: Props) {
  const id = useId();
  const errors: RuleErrors = validateRuleForm(rule, dtstart.slice(0, 10));
  const set = (patch: Partial<RuleForm>) => onChange({ ...rule, ...patch });
  const toggleDay = (d: Weekday, on: boolean) =>
    set({ byDay: on ? [...rule.byDay, d] : rule.byDay.filter((x) => x !== d) });
  const toggleMonth = (m: number, on: boolean) =>
    set({ byMonth: on ? [...rule.byMonth, m] : rule.byMonth.filter((x) => x !== m) });
  const rrule = ruleToRRule(rule, dtstart.slice(0, 10), allDay, zone);
  const err = (k: keyof RuleErrors) => (errors[k] ? `${id}-${k}-error` : undefined);

  return (
    <fieldset className="recurrence-builder">
      <legend>Repeat</legend>
      <div className="field">
        <label htmlFor={`${id}-freq`}>Repeats</label>
        <select
          id={`${id}-freq`}
          name="rule.freq"
          value={rule.freq}
          onChange={(e) => set({ freq: e.target.value as Frequency, custom: null })}
        >
          {freqOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {rule.custom !== null ? (
        <div className="notice">
          <p>
            This series follows a rule the form cannot show: <code>{rule.custom}</code>. It is kept as it is.
          </p>
          <button type="button" className="button button--small" onClick={() => set({ custom: null })}>
            Replace with a simple rule
          </button>
        </div>
      ) : null}
      {rule.freq !== 'none' && rule.custom === null ? (
        <>
          <div className={errors.interval ? 'field field--invalid inline-field' : 'field inline-field'}>
            <label htmlFor={`${id}-interval`}>Every</label>
            <input
              id={`${id}-interval`}
              name="rule.interval"
              inputMode="numeric"
              className="input-narrow"
              value={rule.interval}
              aria-invalid={errors.interval ? true : undefined}
              aria-describedby={err('interval')}
              onChange={(e) => set({ interval: e.target.value })}
            />
            <span>{units[rule.freq]}</span>
            <FieldError id={`${id}-interval-error`} text={errors.interval} />
          </div>
          {rule.freq === 'WEEKLY' ? (
            <fieldset className="check-row" aria-describedby={err('byDay')}>
              <legend>On these days</legend>
              {weekdays.map((d) => (
                <label key={d} className="check">
                  <input
                    type="checkbox"
                    name="rule.byDay"
                    checked={rule.byDay.includes(d)}
                    onChange={(e) => toggleDay(d, e.target.checked)}
                  />
                  {weekdayNames[d]}
                </label>
              ))}
              <FieldError id={`${id}-byDay-error`} text={errors.byDay} />
            </fieldset>
          ) : null}
          {rule.freq === 'YEARLY' ? (
            <fieldset className="check-row" aria-describedby={err('byMonth')}>
              <legend>In these months</legend>
              {monthNames.map((m, i) => (
                <label key={m} className="check">
                  <input
                    type="checkbox"
                    checked={rule.byMonth.includes(i + 1)}
                    onChange={(e) => toggleMonth(i + 1, e.target.checked)}
                  />
                  {m}
                </label>
              ))}
              <FieldError id={`${id}-byMonth-error`} text={errors.byMonth} />
            </fieldset>
          ) : null}
          {rule.freq === 'MONTHLY' || rule.freq === 'YEARLY' ? (
            <fieldset className="radio-stack">
              <legend>On</legend>
              <div className="radio-line">
                <input
                  type="radio"
                  id={`${id}-md`}
                  name={`${id}-mode`}
                  checked={rule.mode === 'monthday'}
                  onChange={() => set({ mode: 'monthday' })}
                />
                <label htmlFor={`${id}-md`}>Day of the month</label>
                <input
                  aria-label="Day of the month (1 to 31, or -1 for the last day)"
                  name="rule.monthDay"
                  inputMode="numeric"
                  className="input-narrow"
                  value={rule.monthDay}
                  disabled={rule.mode !== 'monthday'}
                  aria-invalid={errors.monthDay ? true : undefined}
                  aria-describedby={err('monthDay')}
                  onChange={(e) => set({ monthDay: e.target.value })}
                />
              </div>
              <div className="radio-line">
                <input
                  type="radio"
                  id={`${id}-wd`}
                  name={`${id}-mode`}
                  checked={rule.mode === 'weekday'}
                  onChange={() => set({ mode: 'weekday' })}
                />
                <label htmlFor={`${id}-wd`}>The</label>
                <select
                  aria-label="Which week"
                  value={rule.position}
                  disabled={rule.mode !== 'weekday'}
                  onChange={(e) => set({ position: e.target.value })}
                >
                  {positions.map((p) => (
                    <option key={p.value} value={p.value}>
                      {p.label}
                    </option>
                  ))}
                </select>
                <select
                  aria-label="Weekday"
                  value={rule.positionDay}
                  disabled={rule.mode !== 'weekday'}
                  onChange={(e) => set({ positionDay: e.target.value as Weekday })}
                >
                  {weekdays.map((d) => (
                    <option key={d} value={d}>
                      {weekdayNames[d]}
                    </option>
                  ))}
                </select>
              </div>
              <FieldError id={`${id}-monthDay-error`} text={errors.monthDay} />
            </fieldset>
          ) : null}
          <fieldset className="radio-stack">
            <legend>Ends</legend>
            {(['never', 'count', 'until'] as Ends[]).map((end) => (
              <div key={end} className="radio-line">
                <input
                  type="radio"
                  id={`${id}-end-${end}`}
                  name={`${id}-ends`}
                  checked={rule.ends === end}
                  onChange={() => set({ ends: end })}
                />
                <label htmlFor={`${id}-end-${end}`}>
                  {{ never: 'Never', count: 'After', until: 'On' }[end]}
                </label>
                {end === 'count' ? (
                  <>
                    <input
                      aria-label="Number of occurrences"
                      name="rule.count"
                      inputMode="numeric"
                      className="input-narrow"
                      value={rule.count}
                      disabled={rule.ends !== 'count'}
                      aria-invalid={errors.count ? true : undefined}
                      aria-describedby={err('count')}
                      onChange={(e) => set({ count: e.target.value })}
                    />
                    <span>occurrences</span>
                  </>
                ) : null}
                {end === 'until' ? (
                  <input
                    type="date"
                    aria-label="Last date"
                    name="rule.until"
                    value={rule.until}
                    disabled={rule.ends !== 'until'}
                    aria-invalid={errors.until ? true : undefined}
                    aria-describedby={err('until')}
                    onChange={(e) => set({ until: e.target.value })}
                  />
                ) : null}
              </div>
            ))}
            <FieldError id={`${id}-count-error`} text={errors.count} />
            <FieldError id={`${id}-until-error`} text={errors.until} />
          </fieldset>
        </>
      ) : null}
      {rrule ? <RulePreview dtstart={dtstart} zone={zone} rrule={rrule} allDay={allDay} /> : null}
    </fieldset>
  );
}
