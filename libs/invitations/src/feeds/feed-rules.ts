/**
 * Feed tokens and their life, as plain functions: 256 random bits (base64url, 43 characters, the shape
 * TOKEN_PATTERN accepts), an identity per attendee, and an expiry after the edition.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { FESTIVAL_TIME_ZONE, type IsoDate } from '@app/common';

export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A named delegate's identity beside their mailbox; a registered leader is known by id instead. */
export function delegateKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

/** The first instant the feed no longer answers: the day after the edition's last day plus the grace, at midnight in Việt Nam. */
export function feedExpiry(windowEnd: IsoDate, graceDays: number): Date {
  return DateTime.fromISO(windowEnd, { zone: FESTIVAL_TIME_ZONE })
    .plus({ days: graceDays + 1 })
    .startOf('day')
    .toJSDate();
}
