/**
 * The console's one time-of-day field (issue 18): always 24-hour HH:mm, whatever the browser's locale
 * (a native time input would show AM/PM in an English browser), typed as before (`7:30`, `7h30`) with
 * the quick choices of a <datalist> — every half hour by default, or the form's own (a programme item's
 * within its venue's hours) — which phones show as suggestions under the field. What was typed is shown as HH:mm once the field is left, as `input.ts` reads it.
 */
import { useId } from 'react';
import { parseTime, timeChoices } from '../input';

export function TimeField(props: {
  value: string;
  onChange: (text: string) => void;
  name?: string;
  /** The input's name for assistive technology, when no <label> wraps it. */
  'aria-label'?: string;
  /** Minutes between the quick choices (over the whole day). */
  step?: 15 | 30 | 60;
  /** The quick choices, where the form knows better than the whole day (typing any other time still works). */
  choices?: readonly string[];
  form?: string;
}) {
  const listId = useId();
  return (
    <span className="time-field">
      <input
        name={props.name}
        aria-label={props['aria-label']}
        value={props.value}
        placeholder="HH:mm"
        size={6}
        form={props.form}
        list={listId}
        autoComplete="off"
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={() => {
          const typed = parseTime(props.value);
          if (typed && typed !== props.value) props.onChange(typed);
        }}
      />
      <datalist id={listId}>
        {(props.choices ?? timeChoices(props.step ?? 30)).map((choice) => (
          <option key={choice} value={choice} />
        ))}
      </datalist>
    </span>
  );
}
