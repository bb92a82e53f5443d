/**
 * Who is e-mailed what about their notifications, and when: pure functions, unit-tested without Nest.
 *
 * Defaults (no preferences row): planners and organizers get the daily digest, viewers (who are never
 * notified) do not; no kind is e-mailed at once. Immediate e-mail is opt-in because every entry already
 * arrives live in the console and, if still unread, in the next morning's digest: at national scale an
 * e-mail per event by default would bury the few that matter. A reader who wants one kind at once
 * (a planning run failing, a venue cancelled) picks it in the console.
 */
import { addDays, instantToLocalDate, instantToLocalTime, type IsoDate, localToInstant, minutesOfDay } from '@app/common';
import { Role } from '@app/auth';
import { NotificationKind } from '../notification.enums';

export interface EmailPreferences {
  dailyDigest: boolean;
  immediateKinds: NotificationKind[];
}

/** The kinds each role can receive (notifications.service.ts writes nothing else to them). */
const KINDS_BY_ROLE: Record<Role, NotificationKind[]> = {
  [Role.CentralPlanner]: [
    NotificationKind.VenueNominated,
    NotificationKind.TaskOverdue,
    NotificationKind.PlanningRunFinished,
    NotificationKind.PlanningRunFailed,
  ],
  [Role.ProvincialOrganizer]: [
    NotificationKind.VenueApproved,
    NotificationKind.VenueRejected,
    NotificationKind.VenueRescheduled,
    NotificationKind.VenueCancelled,
    NotificationKind.TaskBlocked,
    NotificationKind.TaskOverdue,
  ],
  [Role.Viewer]: [],
};

/** The kinds a reader of this role may be notified of: what the console offers to e-mail at once. */
export function kindsForRole(role: Role): NotificationKind[] {
  return [...KINDS_BY_ROLE[role]];
}

export function defaultPreferences(role: Role): EmailPreferences {
  return { dailyDigest: role === Role.CentralPlanner || role === Role.ProvincialOrganizer, immediateKinds: [] };
}

/** The stored preferences, or the role's defaults while none are stored. */
export function effectivePreferences(stored: EmailPreferences | null, role: Role): EmailPreferences {
  return stored ? { dailyDigest: stored.dailyDigest, immediateKinds: [...stored.immediateKinds] } : defaultPreferences(role);
}

/** Whether a notification of this kind is also e-mailed at once to its reader. */
export function wantsImmediate(stored: EmailPreferences | null, role: Role, kind: NotificationKind): boolean {
  return effectivePreferences(stored, role).immediateKinds.includes(kind);
}

export function wantsDigest(stored: EmailPreferences | null, role: Role): boolean {
  return effectivePreferences(stored, role).dailyDigest;
}

/** The same kinds in a canonical order (the enum's), without repeats: what is stored and compared. */
export function normalizeKinds(kinds: readonly NotificationKind[]): NotificationKind[] {
  const chosen = new Set(kinds);
  return Object.values(NotificationKind).filter((kind) => chosen.has(kind));
}

export function samePreferences(a: EmailPreferences, b: EmailPreferences): boolean {
  const left = normalizeKinds(a.immediateKinds);
  const right = normalizeKinds(b.immediateKinds);
  return a.dailyDigest === b.dailyDigest && left.length === right.length && left.every((kind, index) => kind === right[index]);
}

export const digestTime = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * The local day whose digest is due at `now`: today from the digest hour on (Asia/Ho_Chi_Minh), or null
 * before it. Every tick from that hour to midnight answers the same day, so a digest missed at the hour
 * (a worker down) still goes that day, and the outbox's unique (account, day) sends it once.
 */
export function digestDateDue(now: Date, hour: number): IsoDate | null {
  return minutesOfDay(instantToLocalTime(now)) >= hour * 60 ? instantToLocalDate(now) : null;
}

/** What the digest of `date` covers: the day before the digest hour, [the hour yesterday, the hour today). */
export function digestWindow(date: IsoDate, hour: number): { from: Date; to: Date } {
  return { from: localToInstant(addDays(date, -1), digestTime(hour)), to: localToInstant(date, digestTime(hour)) };
}

/** Entries listed in one digest; the rest are counted and left to the inbox. */
export const DIGEST_MAX_ENTRIES = 50;

/** An absolute console link for an e-mail: the public base and the notification's own path. */
export function consoleUrl(publicBaseUrl: string, link: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${link.startsWith('/') ? link : `/${link}`}`;
}

/** Where the reader changes what is e-mailed (the console's inbox, its e-mail section). */
export const PREFERENCES_LINK = '/thong-bao?muc=email';
export const INBOX_LINK = '/thong-bao';
