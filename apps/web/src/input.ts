/**
 * What people type, as the API takes it. A number that is not one goes to the API as typed, so the
 * API's own message shows under the field. Dates are the exception: people type dd/mm/yyyy and the API
 * speaks YYYY-MM-DD, so a date that is not one is refused here, in the API's shape (VALIDATION_FAILED
 * with the field), and shows under its field like any other refusal.
 */
import { ApiError } from './api';
import { parseDate } from './format';

/** "-30", "7" → the number; "" → undefined (field left out); anything else as typed. */
export function wholeNumber(text: string): number | string | undefined {
  const compact = text.trim().replace(/^[−–]/, '-');
  if (compact === '') return undefined;
  return /^-?\d+$/.test(compact) ? Number(compact) : text;
}

/** "12/08/2027" → "2027-08-12"; "" → null (no date); otherwise a refusal for `field`. */
export function dateInput(text: string, field: string): string | null {
  if (text.trim() === '') return null;
  const iso = parseDate(text);
  if (iso) return iso;
  throw new ApiError(400, 'VALIDATION_FAILED', 'Dữ liệu nhập chưa hợp lệ.', [{ field, messages: ['phải có dạng dd/mm/yyyy, ví dụ 12/08/2027'] }]);
}
