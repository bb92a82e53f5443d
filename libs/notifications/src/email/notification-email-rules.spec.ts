import { Role } from '@app/auth';
import { NotificationKind } from '../notification.enums';
import {
  consoleUrl,
  defaultPreferences,
  digestDateDue,
  digestWindow,
  kindsForRole,
  normalizeKinds,
  samePreferences,
  wantsDigest,
  wantsImmediate,
} from './notification-email-rules';

describe('notification e-mail rules', () => {
  it('sends the digest by default to planners and organizers, not to viewers, and nothing at once', () => {
    expect(defaultPreferences(Role.CentralPlanner)).toEqual({ dailyDigest: true, immediateKinds: [] });
    expect(defaultPreferences(Role.ProvincialOrganizer)).toEqual({ dailyDigest: true, immediateKinds: [] });
    expect(defaultPreferences(Role.Viewer).dailyDigest).toBe(false);
    expect(wantsDigest(null, Role.ProvincialOrganizer)).toBe(true);
    expect(wantsImmediate(null, Role.CentralPlanner, NotificationKind.VenueNominated)).toBe(false);
  });

  it('follows stored preferences over the defaults', () => {
    const stored = { dailyDigest: false, immediateKinds: [NotificationKind.VenueNominated] };
    expect(wantsDigest(stored, Role.CentralPlanner)).toBe(false);
    expect(wantsImmediate(stored, Role.CentralPlanner, NotificationKind.VenueNominated)).toBe(true);
    expect(wantsImmediate(stored, Role.CentralPlanner, NotificationKind.TaskOverdue)).toBe(false);
  });

  it("offers each role only the kinds it can receive (an organizer never hears of another province's nomination)", () => {
    expect(kindsForRole(Role.CentralPlanner)).toContain(NotificationKind.PlanningRunFailed);
    expect(kindsForRole(Role.CentralPlanner)).not.toContain(NotificationKind.VenueApproved);
    expect(kindsForRole(Role.ProvincialOrganizer)).not.toContain(NotificationKind.VenueNominated);
    expect(kindsForRole(Role.ProvincialOrganizer)).toContain(NotificationKind.TaskOverdue);
    expect(kindsForRole(Role.Viewer)).toEqual([]);
  });

  it('compares kinds as sets (order and repeats do not make a change)', () => {
    expect(normalizeKinds([NotificationKind.TaskOverdue, NotificationKind.VenueNominated, NotificationKind.TaskOverdue])).toEqual([
      NotificationKind.VenueNominated,
      NotificationKind.TaskOverdue,
    ]);
    expect(
      samePreferences(
        { dailyDigest: true, immediateKinds: [NotificationKind.TaskOverdue, NotificationKind.VenueNominated] },
        { dailyDigest: true, immediateKinds: [NotificationKind.VenueNominated, NotificationKind.TaskOverdue] },
      ),
    ).toBe(true);
    expect(samePreferences({ dailyDigest: true, immediateKinds: [] }, { dailyDigest: false, immediateKinds: [] })).toBe(false);
  });

  it('makes the digest due from the local hour in Asia/Ho_Chi_Minh (UTC+7), for the local day', () => {
    // 23:59 UTC on 1 August is 06:59 on 2 August in Hà Nội: not yet at 7.
    expect(digestDateDue(new Date('2027-08-01T23:59:00Z'), 7)).toBeNull();
    expect(digestDateDue(new Date('2027-08-02T00:00:00Z'), 7)).toBe('2027-08-02');
    // 17:30 UTC is 00:30 the next local day: that day's digest at hour 0, none at hour 7.
    expect(digestDateDue(new Date('2027-08-02T17:30:00Z'), 0)).toBe('2027-08-03');
    expect(digestDateDue(new Date('2027-08-02T17:30:00Z'), 7)).toBeNull();
    // Still due late in the evening (a worker that was down at 7 sends that day's digest later).
    expect(digestDateDue(new Date('2027-08-02T16:59:00Z'), 7)).toBe('2027-08-02');
  });

  it('covers the 24 hours before the digest hour, in local time', () => {
    expect(digestWindow('2027-08-02', 7)).toEqual({ from: new Date('2027-08-01T00:00:00Z'), to: new Date('2027-08-02T00:00:00Z') });
    expect(digestWindow('2027-01-01', 0)).toEqual({ from: new Date('2026-12-30T17:00:00Z'), to: new Date('2026-12-31T17:00:00Z') });
  });

  it("links to the console page of the notification's object under the public address", () => {
    expect(consoleUrl('https://ngayhoi.bocongan.gov.vn/', '/diem/v1')).toBe('https://ngayhoi.bocongan.gov.vn/diem/v1');
    expect(consoleUrl('http://127.0.0.1:3000', '/san-sang?tinh=12')).toBe('http://127.0.0.1:3000/san-sang?tinh=12');
  });
});
