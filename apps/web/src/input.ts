/**
 * Dates, times and numbers between people and the API — the one module every console page and form
 * reads and writes them with. People see and type Vietnamese conventions: dd/mm/yyyy, 24-hour HH:mm in
 * Asia/Ho_Chi_Minh whatever the browser's own zone, 1.500.000 ₫, 22,3964; the API speaks YYYY-MM-DD,
 * HH:mm, ISO instants and JSON numbers. Calendar dates are never shifted through a time zone.
 *
 * A form reads what was typed with `read({ field: whole(text), … })`: the body comes back typed as the
 * API takes it, or — when something typed is not a date, time or number at all — every such field is
 * refused at once, here, before anything is sent, in the API's own shape (VALIDATION_FAILED with the
 * field path, e.g. `weights.spread`) and words ("phải là số nguyên"), so each shows under its field like
 * the API's refusals. Everything else (lengths, ranges, e-mails, windows) is the API's to refuse.
 */
import { DateTime } from 'luxon';
import { ApiError } from './api/errors';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** `YYYY-MM-DD`, a calendar date. */
export type IsoDate = string;

const MISSING = 'không được để trống';
const DATE_EXAMPLE = 'dd/mm/yyyy, ví dụ 12/08/2027';

// ---------------------------------------------------------------------------------------------------
// Reading one value: null when the text is not one.

/** `12/08/2027` (or `12/8/2027`) → `2027-08-12`; null when it is not a real date. */
export function parseDate(text: string): IsoDate | null {
  const date = DateTime.fromFormat(text.trim(), 'd/M/yyyy', { zone: 'utc' });
  return date.isValid ? date.toISODate() : null;
}

/** `7:30`, `07:30`, `7h30`, `7h` → `07:30` (24-hour); null otherwise. */
export function parseTime(text: string): string | null {
  const match = /^([01]?\d|2[0-3])\s*(?:[:h.]\s*([0-5]\d)|h)$/i.exec(text.trim());
  return match ? `${match[1].padStart(2, '0')}:${match[2] ?? '00'}` : null;
}

const MINUS = /^[−–]/; // what word processors and phones type for "-"

/** A whole number as written in Vietnamese: `1.200`, `1 200`, `1200`, `-30`, `−7` → the number; null otherwise (`1,5`, `khoảng 800`). */
export function parseWhole(text: string): number | null {
  const compact = text.trim().replace(MINUS, '-');
  const grouped = /^-?\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+$/.test(compact);
  if (!grouped && !/^-?\d+$/.test(compact)) return null;
  const value = Number(compact.replace(/[.\s\u00a0\u202f]/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * A number with decimals, the decimal mark a comma or a point (`22,3964`, `22.3964`, `-0,5`, `7`); no
 * thousands separators, so a coordinate pasted as `21.386` stays 21.386. Null otherwise.
 */
export function parseDecimal(text: string): number | null {
  const compact = text.trim().replace(MINUS, '-');
  return /^-?\d+(?:[.,]\d+)?$/.test(compact) ? Number(compact.replace(',', '.')) : null;
}

/** An amount of đồng: a whole number, optionally followed by ₫, đ, đồng or VND (`45.000.000 ₫`). */
export function parseVnd(text: string): number | null {
  return parseWhole(text.trim().replace(/\s*(₫|đồng|đ|vnđ|vnd)$/iu, ''));
}

const MINUTES_PER: Record<string, number> = { ngày: 24 * 60, giờ: 60, phút: 1 };

/** `7 ngày` → 10080, `2 giờ` → 120, `90 phút` → 90; a bare number is hours (`3` → 180). Null otherwise. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*(\p{L}*)$/u.exec(text.trim().normalize('NFC'));
  if (!match) return null;
  const unit = match[2] === '' ? MINUTES_PER.giờ : MINUTES_PER[match[2].toLocaleLowerCase('vi')];
  return unit === undefined ? null : Number(match[1]) * unit;
}

/** The entries of a list typed with commas or semicolons (`7 ngày, 2 giờ`); `spaces` also splits on spaces (`3 1 0`). */
export function entriesOf(text: string, { spaces = false } = {}): string[] {
  return text
    .split(spaces ? /[,;\s]+/ : /[,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------
// Showing values, and writing them back into inputs so that reading them again gives the same value.

/** `2027-08-12` → `12/08/2027`; `—` for none. */
export function formatDate(iso: IsoDate | null | undefined): string {
  return iso ? dateText(iso) : '—';
}

/** `2027-08-12` → `12/08/2027`, as typed into an input; '' for none. */
export function dateText(iso: IsoDate | null | undefined): string {
  return iso ? DateTime.fromISO(iso.slice(0, 10), { zone: 'utc' }).toFormat('dd/MM/yyyy') : '';
}

/** An instant → `12/08/2027 07:30` in Asia/Ho_Chi_Minh; `—` for none. */
export function formatInstant(instant: string | Date | null | undefined): string {
  if (!instant) return '—';
  const at = instant instanceof Date ? DateTime.fromJSDate(instant) : DateTime.fromISO(instant);
  return at.setZone(TIME_ZONE).toFormat('dd/MM/yyyy HH:mm');
}

/** Today in Asia/Ho_Chi_Minh, as YYYY-MM-DD. */
export function today(now: Date = new Date()): IsoDate {
  return DateTime.fromJSDate(now).setZone(TIME_ZONE).toISODate()!;
}

/** Days from `start` to `end`, both included, as YYYY-MM-DD. */
export function daysBetween(start: IsoDate, end: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  const last = DateTime.fromISO(end, { zone: 'utc' });
  for (let day = DateTime.fromISO(start, { zone: 'utc' }); day <= last; day = day.plus({ days: 1 })) days.push(day.toISODate()!);
  return days;
}

/** 0 = Monday … 6 = Sunday (Vietnamese calendars start the week on Monday). */
export function weekdayOf(iso: IsoDate): number {
  return DateTime.fromISO(iso, { zone: 'utc' }).weekday - 1;
}

/**
 * A calendar date as the date pickers' grid holds it: midnight of that day in the browser's own zone (the
 * grid counts days in it). Only the year, month and day cross over, so no date is shifted whatever the zone.
 */
export function calendarDay(iso: IsoDate): Date {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return new Date(year, month - 1, day);
}

/** The day a picker's grid handed back (`calendarDay`'s inverse) → YYYY-MM-DD. */
export function isoOfCalendarDay(day: Date): IsoDate {
  return `${String(day.getFullYear()).padStart(4, '0')}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** The readable dates of a typed list (`10/08/2027, 12/08/2027`), sorted, each once. */
export function datesOf(text: string): IsoDate[] {
  const found = entriesOf(text, { spaces: true }).map(parseDate);
  return [...new Set(found.filter((day): day is IsoDate => day !== null))].sort();
}

/**
 * A typed list with `day` added, or taken out when it is there already — what a click on a day of a
 * several-dates picker does. The dates come back sorted as dd/mm/yyyy; what could not be read is kept as
 * typed after them, for its refusal to show.
 */
export function toggleDate(text: string, day: IsoDate): string {
  const entries = entriesOf(text, { spaces: true });
  const unreadable = entries.filter((entry) => parseDate(entry) === null);
  const chosen = datesOf(text);
  const next = chosen.includes(day) ? chosen.filter((item) => item !== day) : [...chosen, day].sort();
  return [...next.map(dateText), ...unreadable].join(', ');
}

/** The quick choices of a time field: `00:00`, `00:30` … `23:30` (every `step` minutes), 24-hour. */
export function timeChoices(step = 30): string[] {
  const choices: string[] = [];
  for (let minutes = 0; minutes < 24 * 60; minutes += step) {
    choices.push(`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
  }
  return choices;
}

const wholeFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 1200 → `1.200`, as shown and as typed back; '' for none. */
export function wholeText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : wholeFormat.format(value);
}

/** 22.3964 → `22,3964` as typed back into an input (every digit kept); '' for none. */
export function decimalText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value).replace('.', ',');
}

/** Whole đồng with thousands separators: `45.000.000 ₫`; `—` for none. */
export function formatVnd(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : `${wholeFormat.format(amount)} ₫`;
}

/** A number with up to `digits` decimals, Vietnamese style: 1234.5 → `1.234,5`. */
export function formatNumber(value: number, digits = 2): string {
  return value.toLocaleString('vi-VN', { maximumFractionDigits: digits });
}

/** 0.425 → `43%`. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** 10080 → `7 ngày`, 120 → `2 giờ`, 90 → `90 phút`. */
export function durationText(minutes: number): string {
  if (minutes > 0 && minutes % MINUTES_PER.ngày === 0) return `${minutes / MINUTES_PER.ngày} ngày`;
  if (minutes % MINUTES_PER.giờ === 0) return `${minutes / MINUTES_PER.giờ} giờ`;
  return `${minutes} phút`;
}

// ---------------------------------------------------------------------------------------------------
// Reading a form: each field's text as the API takes it, or its refusal.

/** What one field's text reads as, or why it cannot be read; `read` turns a body of these into the body. */
export class Reading<T> {
  private constructor(
    readonly value: T | undefined,
    readonly refusal: string | undefined,
  ) {}

  static of<T>(value: T): Reading<T> {
    return new Reading<T>(value, undefined);
  }

  static refused<T>(message: string): Reading<T> {
    return new Reading<T>(undefined, message);
  }
}

/**
 * How an empty field reads: left out (the default: `undefined` is not sent), `null` (which empties the
 * field on an edit), or refused when the API needs a value.
 */
type IfEmpty = { required: true } | { empty: null };

export interface FieldReader<T> {
  (text: string): Reading<T | undefined>;
  (text: string, ifEmpty: { required: true }): Reading<T>;
  (text: string, ifEmpty: { empty: null }): Reading<T | null>;
}

function fieldReader<T>(parse: (text: string) => T | null, refusal: string): FieldReader<T> {
  function readField(text: string): Reading<T | undefined>;
  function readField(text: string, ifEmpty: { required: true }): Reading<T>;
  function readField(text: string, ifEmpty: { empty: null }): Reading<T | null>;
  function readField(text: string, ifEmpty?: IfEmpty): Reading<T | null | undefined> {
    if (text.trim() === '') {
      if (ifEmpty && 'required' in ifEmpty) return Reading.refused(MISSING);
      return Reading.of(ifEmpty ? null : undefined);
    }
    const value = parse(text);
    return value === null ? Reading.refused(refusal) : Reading.of(value);
  }
  return readField;
}

/** Text as typed, trimmed ('' = empty). */
export const text = fieldReader((typed) => typed.trim(), '');
export const date = fieldReader(parseDate, `phải có dạng ${DATE_EXAMPLE}`);
export const time = fieldReader(parseTime, 'phải là giờ dạng HH:mm, ví dụ 07:30');
export const whole = fieldReader(parseWhole, 'phải là số nguyên, ví dụ 1.200');
export const decimal = fieldReader(parseDecimal, 'phải là số, ví dụ 22,3964');
export const vnd = fieldReader(parseVnd, 'phải là số nguyên (đồng), ví dụ 45.000.000');

/** A list of entries each read by `parse`; the unreadable ones are named in the refusal. */
function listReader<T>(parse: (entry: string) => T | null, spaces: boolean, refusal: string) {
  return (text: string): Reading<T[]> => {
    const entries = entriesOf(text, { spaces });
    const values = entries.map(parse);
    const unreadable = entries.filter((_, index) => values[index] === null);
    if (unreadable.length > 0) return Reading.refused(`không đọc được ${unreadable.join(', ')}: ${refusal}`);
    return Reading.of(values.filter((value): value is T => value !== null));
  };
}

/** `12/08/2027, 14/08/2027` → `['2027-08-12', '2027-08-14']` (sorted). */
export const dates = (text: string): Reading<IsoDate[]> => {
  const reading = listReader(parseDate, true, `ngày phải có dạng ${DATE_EXAMPLE}`)(text);
  return reading.value ? Reading.of([...reading.value].sort()) : reading;
};
/** `3, 1, 0` → `[3, 1, 0]`. */
export const wholes = listReader(parseWhole, true, 'phải là số nguyên');
/** `7 ngày, 1 ngày, 2 giờ` → minutes `[10080, 1440, 120]`. */
export const durations = listReader(parseDuration, false, 'mỗi mốc phải là số nguyên kèm ngày, giờ hoặc phút, ví dụ 7 ngày, 2 giờ');

/** A choice among `allowed` (a select's value, '' when nothing is chosen yet). */
export function oneOf<T extends string>(value: string, allowed: readonly T[]): Reading<T> {
  if (value === '') return Reading.refused(MISSING);
  const chosen = allowed.find((item) => item === value);
  return chosen === undefined ? Reading.refused('giá trị không thuộc danh sách cho phép') : Reading.of(chosen);
}

/**
 * The fields of `next` whose value differs from `before`: an edit sends only what changed (the API checks
 * what it is sent), and "1/8/2030" typed for "01/08/2030" is no change.
 */
export function changedFields<T extends object>(next: T, before: { [K in keyof T]?: unknown }): Partial<T> {
  const changed: Partial<T> = {};
  for (const key in next) if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) changed[key] = next[key];
  return changed;
}

/** A body with Readings in it → the same body with their values. */
export type Read<T> = T extends Reading<infer V> ? V : T extends readonly (infer E)[] ? Read<E>[] : T extends object ? { [K in keyof T]: Read<T[K]> } : T;

/**
 * The body as the API takes it, every Reading replaced by its value; or, when a field could not be read,
 * a VALIDATION_FAILED refusal listing every such field by its path (`weights.spread`, `items.3.weight`).
 */
export function read<T>(body: T): Read<T> {
  const issues: Array<{ field: string; messages: string[] }> = [];
  const walk = (value: unknown, path: string): unknown => {
    if (value instanceof Reading) {
      if (value.refusal !== undefined) issues.push({ field: path, messages: [value.refusal] });
      return value.value;
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, path ? `${path}.${index}` : String(index)));
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key)]));
    }
    return value;
  };
  const result = walk(body, '');
  if (issues.length > 0) throw new ApiError(400, 'VALIDATION_FAILED', 'Dữ liệu nhập chưa hợp lệ.', issues);
  return result as Read<T>;
}
