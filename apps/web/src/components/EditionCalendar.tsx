/**
 * The festival window day by day, month by month (weeks start on Monday), with each day's venues. At
 * national scale a day holds hundreds of venues: the calendar names a few (`NAMES_PER_DAY`, given by the
 * API with each day's count) and offers the rest of the day (`onDay`, "+N điểm khác"), so a day's cell
 * never grows with the edition. On a phone the month grid reads as a list of the days that have venues,
 * each name across the screen.
 */
import { Link } from 'react-router-dom';
import { daysBetween, formatDate, weekdayOf, wholeText } from '../input';
import type { Edition } from '../api/models';

export interface CalendarEntry {
  id: string;
  date: string;
  name: string;
  colour: string;
  title: string;
}

/** Names a day's cell shows at most (the API's `CALENDAR_NAMES_PER_DAY`); the rest are counted. */
export const NAMES_PER_DAY = 3;

const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
const WEEKDAY_NAMES = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

export function EditionCalendar({
  edition,
  entries,
  counts,
  onDay,
}: {
  edition: Edition;
  entries: CalendarEntry[];
  /** Venues per day when there are more than `entries` names. */
  counts?: ReadonlyMap<string, number>;
  /** Shows the whole day (e.g. the list filtered to it). */
  onDay?: (day: string) => void;
}) {
  const days = daysBetween(edition.windowStart, edition.windowEnd);
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries) byDay.set(entry.date, [...(byDay.get(entry.date) ?? []), entry]);
  const countOf = (day: string) => Math.max(counts?.get(day) ?? 0, byDay.get(day)?.length ?? 0);
  const months = new Map<string, string[]>();
  for (const day of days) months.set(day.slice(0, 7), [...(months.get(day.slice(0, 7)) ?? []), day]);
  return (
    <div className="calendar" data-testid="edition-calendar">
      {[...months].map(([month, monthDays]) => (
        <section key={month} className="calendar-month">
          <h3>
            Tháng {Number(month.slice(5, 7))}/{month.slice(0, 4)}
          </h3>
          {monthDays.every((day) => countOf(day) === 0) && <p className="calendar-none muted">Không có điểm nào trong tháng.</p>}
          <div className="calendar-grid">
            {WEEKDAYS.map((name) => (
              <div key={name} className="calendar-head" aria-hidden="true">
                {name}
              </div>
            ))}
            {Array.from({ length: weekdayOf(monthDays[0]) }, (_, index) => (
              <div key={`pad-${index}`} className="calendar-pad" />
            ))}
            {monthDays.map((day) => {
              const named = (byDay.get(day) ?? []).slice(0, NAMES_PER_DAY);
              const count = countOf(day);
              const more = count - named.length;
              const classes = ['calendar-day', day === edition.nationalDay ? 'national-day' : '', count === 0 ? 'empty' : ''].filter(Boolean).join(' ');
              return (
                <div key={day} className={classes} data-date={day} title={formatDate(day)}>
                  <div className="calendar-date">
                    <span className="calendar-day-number">{Number(day.slice(8, 10))}</span>
                    <span className="calendar-full-date">
                      {WEEKDAY_NAMES[weekdayOf(day)]}, {formatDate(day)}
                    </span>
                    {count > 0 && <span className="count">{wholeText(count)}</span>}
                  </div>
                  {named.map((entry) => (
                    <Link key={entry.id} to={`/diem/${entry.id}`} className="chip" style={{ borderLeftColor: entry.colour }} title={entry.title}>
                      {entry.name}
                    </Link>
                  ))}
                  {more > 0 && onDay && (
                    <button
                      type="button"
                      className="link chip-more"
                      onClick={() => onDay(day)}
                      aria-label={`${named.length > 0 ? `+${wholeText(more)} điểm khác` : `Xem ${wholeText(count)} điểm`} ngày ${formatDate(day)}`}
                    >
                      {named.length > 0 ? `+${wholeText(more)} điểm khác` : `Xem ${wholeText(count)} điểm`}
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
