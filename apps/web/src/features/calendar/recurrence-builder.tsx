import { useId } from 'react';
import {
  describeRule,
  type Frequency,
  type RuleForm,
  ruleToRRule,
  validateRuleForm,
} from './recurrence-form';
import { EndsField, errorId, MonthDayField, MonthsField, RuleError, WeekdaysField } from './rule-fields';
import { RulePreview } from './rule-preview';

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

/** The recurrence part of the item form, with the errors and the next dates shown as the person types. */
export function RecurrenceBuilder({ rule, onChange, dtstart, allDay, zone }: Props) {
  const id = useId();
  const errors = validateRuleForm(rule, dtstart.slice(0, 10));
  const set = (patch: Partial<RuleForm>) => onChange({ ...rule, ...patch });
  const rrule = ruleToRRule(rule, dtstart.slice(0, 10), allDay, zone);
  const part = { rule, errors, set, id };
  const freq = rule.freq;

  return (
    <fieldset className="recurrence-builder">
      <legend>Repeat</legend>
      <div className="field">
        <label htmlFor={`${id}-freq`}>Repeats</label>
        <select
          id={`${id}-freq`}
          name="rule.freq"
          value={freq}
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
      ) : freq !== 'none' ? (
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
              aria-describedby={errorId(part, 'interval')}
              onChange={(e) => set({ interval: e.target.value })}
            />
            <span>{units[freq]}</span>
            <RuleError id={`${id}-interval-error`} text={errors.interval} />
          </div>
          {freq === 'WEEKLY' ? <WeekdaysField {...part} /> : null}
          {freq === 'YEARLY' ? <MonthsField {...part} /> : null}
          {freq === 'MONTHLY' || freq === 'YEARLY' ? <MonthDayField {...part} /> : null}
          <EndsField {...part} />
        </>
      ) : null}
      {rrule ? (
        <RulePreview
          dtstart={dtstart}
          zone={zone}
          rrule={rrule}
          allDay={allDay}
          summary={describeRule(rule)}
        />
      ) : null}
    </fieldset>
  );
}
