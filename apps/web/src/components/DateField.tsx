/**
 * The console's one date field (issue 18): dd/mm/yyyy typed as before — organizers on phones type fast —
 * plus a button opening a calendar in Vietnamese (react-day-picker with its `vi` locale: "tháng 12",
 * T2 … CN, weeks from Monday) in a native modal <dialog>, so focus stays in it, Esc closes it and it is
 * announced with its name; arrow keys move between days. A picked day is written into the field as
 * dd/mm/yyyy, so the form reads the field exactly as it reads a typed date (`input.ts`), and what is sent
 * is unchanged. `min`/`max` disable the days outside a form's limits; the field still takes any text, and
 * the form still says the limit when one typed is refused. With `multiple`, each picked day is added to
 * (or taken out of) a comma-separated list.
 */
import { useModalDialog } from './modal-dialog';
import { createPortal } from 'react-dom';
import { format } from 'date-fns';
import { DayPicker, type Formatters, type Matcher } from 'react-day-picker';
import { vi } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import './date-field.css';
import { calendarDay, dateText, datesOf, type IsoDate, isoOfCalendarDay, parseDate, today, toggleDate } from '../input';

/**
 * The calendar's words: the `vi` locale's narrow weekdays (T2 … CN; its default short ones are "Th 2")
 * and the month as numbered in Vietnamese, "Tháng 8 năm 2027" (the locale's standalone name is "Tháng Tám").
 */
const VI_FORMATTERS: Partial<Formatters> = {
  formatCaption: (month) => format(month, "'Tháng' M 'năm' y", { locale: vi }),
  formatWeekdayName: (weekday) => format(weekday, 'ccccc', { locale: vi }),
};

export function DateField(props: {
  /** What is being chosen, for the calendar's button and title ("Ngày bắt đầu"). */
  label: string;
  /** The field's text, dd/mm/yyyy (or a list of them with `multiple`). */
  value: string;
  onChange: (text: string) => void;
  name?: string;
  /** The input's name for assistive technology, when no <label> wraps it. */
  'aria-label'?: string;
  placeholder?: string;
  size?: number;
  /** The first and last day that may be picked (YYYY-MM-DD); the others are shown disabled. */
  min?: IsoDate;
  max?: IsoDate;
  /** The month shown when the field has no date yet (else the month of today, or of `min` when today is before it). */
  month?: IsoDate;
  /** A comma-separated list of dates: each picked day is added or taken out. */
  multiple?: boolean;
  form?: string;
}) {
  // showModal focuses the first button (the previous month); the grid's own focus target — the chosen
  // day, else today, else the first day that may be picked — is where the arrows start.
  const { open, setOpen, dialog, titleId } = useModalDialog((element) => element.querySelector<HTMLButtonElement>('.rdp-day_button[tabindex="0"]')?.focus());

  const chosen = props.multiple ? datesOf(props.value) : [parseDate(props.value)].filter((day): day is IsoDate => day !== null);
  const now = today();
  const shownFirst = chosen[0] ?? props.month ?? (props.min && now < props.min ? props.min : props.max && now > props.max ? props.max : now);
  const disabled: Matcher[] = [];
  if (props.min) disabled.push({ before: calendarDay(props.min) });
  if (props.max) disabled.push({ after: calendarDay(props.max) });
  const limits = {
    startMonth: props.min ? calendarDay(props.min) : undefined,
    endMonth: props.max ? calendarDay(props.max) : undefined,
  };
  const common = {
    locale: vi,
    formatters: VI_FORMATTERS,
    weekStartsOn: 1 as const,
    // "Today" is Vietnam's day, whatever the browser's zone.
    today: calendarDay(now),
    defaultMonth: calendarDay(shownFirst),
    disabled,
    ...limits,
    autoFocus: true,
  };

  return (
    <span className="date-field">
      {/* A text keyboard, not inputMode="numeric": phones' number pads have no "/". */}
      <input
        name={props.name}
        aria-label={props['aria-label']}
        value={props.value}
        placeholder={props.placeholder ?? (props.multiple ? 'dd/mm/yyyy, dd/mm/yyyy' : 'dd/mm/yyyy')}
        size={props.size}
        form={props.form}
        autoComplete="off"
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={() => {
          // "1/8/2027" typed reads back as "01/08/2027": the field shows what will be sent.
          const typed = props.multiple ? null : parseDate(props.value);
          if (typed && dateText(typed) !== props.value) props.onChange(dateText(typed));
        }}
      />
      <button type="button" className="secondary calendar-button" aria-haspopup="dialog" aria-label="Mở lịch" onClick={() => setOpen(true)}>
        <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
          <path
            fill="currentColor"
            d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm12 8H5v9h14v-9ZM5 8h14V6H5v2Zm2 4h3v3H7v-3Z"
          />
        </svg>
      </button>
      {/* Outside the form's <label>: a click in the calendar must not count as a click on the field. */}
      {createPortal(
        <dialog ref={dialog} className="date-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
          {/* No <form> in here: React bubbles events through the portal, so its submit would submit the field's form. */}
          {open && (
            <div>
              <p id={titleId} className="date-dialog-title">
                {props.label}
              </p>
              {props.multiple ? (
                <DayPicker
                  {...common}
                  mode="multiple"
                  selected={chosen.map(calendarDay)}
                  onSelect={(_, day) => props.onChange(toggleDate(props.value, isoOfCalendarDay(day)))}
                />
              ) : (
                <DayPicker
                  {...common}
                  mode="single"
                  selected={chosen[0] ? calendarDay(chosen[0]) : undefined}
                  onSelect={(_, day) => {
                    props.onChange(dateText(isoOfCalendarDay(day)));
                    setOpen(false);
                  }}
                />
              )}
              <div className="buttons">
                <button type="button" className={props.multiple ? undefined : 'secondary'} onClick={() => setOpen(false)}>
                  {props.multiple ? 'Xong' : 'Đóng'}
                </button>
              </div>
            </div>
          )}
        </dialog>,
        document.body,
      )}
    </span>
  );
}
