/**
 * Dates and times as people read them: dd/MM/yyyy, 24-hour times in Asia/Ho_Chi_Minh whatever the
 * browser's own zone. Calendar dates (`YYYY-MM-DD`) are never shifted through a time zone.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** `2027-08-12` → `12/08/2027`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** `12/08/2027` (or `12/8/2027`) → `2027-08-12`; null when it is not a real date. */
export function parseDate(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, day, month, year] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

const instantParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant → `12/08/2027 07:30` in Asia/Ho_Chi_Minh. */
export function formatInstant(instant: string | Date | null | undefined): string {
  if (!instant) return '—';
  const parts = Object.fromEntries(instantParts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Whole đồng with thousands separators: 45.000.000 ₫. */
export function formatVnd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(amount)} ₫`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Days between two calendar dates, inclusive of both ends, as ISO strings. */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = new Date(`${start}T00:00:00Z`); day <= new Date(`${end}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** 0 = Monday … 6 = Sunday (Vietnamese calendars start the week on Monday). */
export function weekdayOf(iso: string): number {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
}
