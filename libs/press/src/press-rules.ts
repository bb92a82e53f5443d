/**
 * Pure rules of press accreditation: the status machine, what the public form's fields become, the
 * honeypot, and which venues take requests. No Nest, no database: unit-tested in press-rules.spec.ts.
 */
import { type AccreditationDecision, AccreditationStatus, ACCREDITATION_STATUS_NAMES } from './press.enums';

export interface AccreditationRefusal {
  code: 'ACCREDITATION_DECIDED';
  message: string;
}

/** Where a decision takes a request: only a pending request is decided, once. */
export function nextStatus(current: AccreditationStatus, decision: AccreditationDecision): AccreditationStatus | AccreditationRefusal {
  if (current !== AccreditationStatus.Pending) {
    return { code: 'ACCREDITATION_DECIDED', message: `Đề nghị này đã được xử lý (${ACCREDITATION_STATUS_NAMES[current].toLowerCase()}), không thể duyệt lại.` };
  }
  return decision === 'approve' ? AccreditationStatus.Approved : AccreditationStatus.Refused;
}

export function isRefusal(value: AccreditationStatus | AccreditationRefusal): value is AccreditationRefusal {
  return typeof value === 'object';
}

/**
 * The honeypot: a field people never see (hidden from sight and from screen readers) that form-filling
 * robots fill in. A request with it filled is answered like any other, and nothing is kept.
 */
export function isRobot(honeypot: string | undefined | null): boolean {
  return typeof honeypot === 'string' && honeypot.trim() !== '';
}

/** Statuses of venues whose day is still ahead and settled enough to accredit press for. */
const OPEN_FOR_PRESS = new Set(['approved', 'scheduled']);

export function openForPress(venueStatus: string): boolean {
  return OPEN_FOR_PRESS.has(venueStatus);
}

/** A phone number as kept: digits with one leading +, spaces, dots, dashes and brackets removed. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}

/** Vietnamese numbers: 0 and 9–10 digits, or +84 and 9–10 digits. */
export function isVietnamesePhone(phone: string): boolean {
  return /^(0\d{9,10}|\+84\d{9,10})$/.test(normalisePhone(phone));
}

/** A press card number as compared (one request per card and venue): upper case, no spaces. */
export function cardKey(cardNumber: string): string {
  return cardNumber.normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

/** A name as kept: composed, single spaces. */
export function tidyName(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The title the pass carries in the guest list: "Phóng viên, <agency>". */
export function pressTitle(agency: string): string {
  return `Phóng viên, ${tidyName(agency)}`;
}
