/** The parts of the recurrence builder below "Repeats": which days or months, and when it ends. */
import {
  type Ends,
  monthNames,
  positions,
  type RuleErrors,
  type RuleForm,
  type Weekday,
  weekdayNames,
  weekdays,
} from './recurrence-form';

export interface RulePartProps {
  rule: RuleForm;
  errors: RuleErrors;
  set: (patch: Partial<RuleForm>) => void;
  /** Prefix of the element ids of this builder. */
  id: string;
}

/** The id of a field's error message, for aria-describedby, when there is one. */
export const errorId = ({ id, errors }: Pick<RulePartProps, 'id' | 'errors'>, key: keyof RuleErrors) =>
  errors[key] ? `${id}-${key}-error` : undefined;

export function RuleError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p className="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {text}
    </p>
  ) : null;
}

const toggled = <T,>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...list, value] : list.filter((x) => x !== value);

/** Weekly: the weekdays it repeats on. */
export function WeekdaysField(props: RulePartProps) {
  const { rule, errors, set, id } = props;
  return (
    <fieldset className="check-row" aria-describedby={errorId(props, 'byDay')}>
      <legend>On these days</legend>
      {weekdays.map((d: Weekday) => (
        <label key={d} className="check">
          <input
            type="checkbox"
            name="rule.byDay"
            checked={rule.byDay.includes(d)}
            onChange={(e) => set({ byDay: toggled(rule.byDay, d, e.target.checked) })}
          />
          {weekdayNames[d]}
        </label>
      ))}
      <RuleError id={`${id}-byDay-error`} text={errors.byDay} />
    </fieldset>
  );
}

/** Yearly: the months it repeats in. */
export function MonthsField(props: RulePartProps) {
  const { rule, errors, set, id } = props;
  return (
    <fieldset className="check-row" aria-describedby={errorId(props, 'byMonth')}>
      <legend>In these months</legend>
      {monthNames.map((m, i) => (
        <label key={m} className="check">
          <input
            type="checkbox"
            checked={rule.byMonth.includes(i + 1)}
            onChange={(e) => set({ byMonth: toggled(rule.byMonth, i + 1, e.target.checked) })}
          />
          {m}
        </label>
      ))}
      <RuleError id={`${id}-byMonth-error`} text={errors.byMonth} />
    </fieldset>
  );
}

/** Monthly and yearly: on a day of the month, or on the nth weekday. */
export function MonthDayField(props: RulePartProps) {
  const { rule, errors, set, id } = props;
  const byWeekday = rule.mode === 'weekday';
  return (
    <fieldset className="radio-stack">
      <legend>On</legend>
      <div className="radio-line">
        <input
          type="radio"
          id={`${id}-md`}
          name={`${id}-mode`}
          checked={!byWeekday}
          onChange={() => set({ mode: 'monthday' })}
        />
        <label htmlFor={`${id}-md`}>Day of the month</label>
        <input
          aria-label="Day of the month (1 to 31, or -1 for the last day)"
          name="rule.monthDay"
          inputMode="numeric"
          className="input-narrow"
          value={rule.monthDay}
          disabled={byWeekday}
          aria-invalid={errors.monthDay ? true : undefined}
          aria-describedby={errorId(props, 'monthDay')}
          onChange={(e) => set({ monthDay: e.target.value })}
        />
      </div>
      <div className="radio-line">
        <input
          type="radio"
          id={`${id}-wd`}
          name={`${id}-mode`}
          checked={byWeekday}
          onChange={() => set({ mode: 'weekday' })}
        />
        <label htmlFor={`${id}-wd`}>The</label>
        <select
          aria-label="Which week"
          value={rule.position}
          disabled={!byWeekday}
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
          disabled={!byWeekday}
          onChange={(e) => set({ positionDay: e.target.value as Weekday })}
        >
          {weekdays.map((d) => (
            <option key={d} value={d}>
              {weekdayNames[d]}
            </option>
          ))}
        </select>
      </div>
      <RuleError id={`${id}-monthDay-error`} text={errors.monthDay} />
    </fieldset>
  );
}

const endLabels: Record<Ends, string> = { never: 'Never', count: 'After', until: 'On' };

/** Never, after a number of times, or on a last day: one choice, so COUNT and UNTIL never meet. */
export function EndsField(props: RulePartProps) {
  const { rule, errors, set, id } = props;
  return (
    <fieldset className="radio-stack">
      <legend>Ends</legend>
      {(Object.keys(endLabels) as Ends[]).map((end) => (
        <div key={end} className="radio-line">
          <input
            type="radio"
            id={`${id}-end-${end}`}
            name={`${id}-ends`}
            checked={rule.ends === end}
            onChange={() => set({ ends: end })}
          />
          <label htmlFor={`${id}-end-${end}`}>{endLabels[end]}</label>
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
                aria-describedby={errorId(props, 'count')}
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
              aria-describedby={errorId(props, 'until')}
              onChange={(e) => set({ until: e.target.value })}
            />
          ) : null}
        </div>
      ))}
      <RuleError id={`${id}-count-error`} text={errors.count} />
      <RuleError id={`${id}-until-error`} text={errors.until} />
    </fieldset>
  );
}
