/**
 * The festival window day by day, month by month (weeks start on Monday), with each day's venues. At
 * national scale the page gives the names it has (a page of the list) and each day's count from the API;
 * a day with more venues than named offers to list them (`onDay`).
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

const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

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
  onDay?: (day: string) => void;
}) {
  const days = daysBetween(edition.windowStart, edition.windowEnd);
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries) byDay.set(entry.date, [...(byDay.get(entry.date) ?? []), entry]);
  const months = new Map<string, string[]>();
  for (const day of days) months.set(day.slice(0, 7), [...(months.get(day.slice(0, 7)) ?? []), day]);
  return (
    <div className="calendar" data-testid="edition-calendar">
      {[...months].map(([month, monthDays]) => (
        <section key={month} className="calendar-month">
          <h3>
            Tháng {Number(month.slice(5, 7))}/{month.slice(0, 4)}
          </h3>
          <div className="calendar-grid">
            {WEEKDAYS.map((name) => (
              <div key={name} className="calendar-head">
                {name}
              </div>
            ))}
            {Array.from({ length: weekdayOf(monthDays[0]) }, (_, index) => (
              <div key={`pad-${index}`} className="calendar-pad" />
            ))}
            {monthDays.map((day) => {
              const today = byDay.get(day) ?? [];
              const count = Math.max(counts?.get(day) ?? 0, today.length);
              return (
                <div key={day} className={`calendar-day${day === edition.nationalDay ? ' national-day' : ''}`} data-date={day} title={formatDate(day)}>
                  <div className="calendar-date">
                    {Number(day.slice(8, 10))}
                    {count > 0 && <span className="count">{wholeText(count)}</span>}
                  </div>
                  {today.map((entry) => (
                    <Link key={entry.id} to={`/diem/${entry.id}`} className="chip" style={{ borderLeftColor: entry.colour }} title={entry.title}>
                      {entry.name}
                    </Link>
                  ))}
                  {count > today.length && onDay && (
                    <button type="button" className="link chip-more" onClick={() => onDay(day)}>
                      {today.length > 0 ? `+${wholeText(count - today.length)} điểm khác` : `Xem ${wholeText(count)} điểm`}
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
