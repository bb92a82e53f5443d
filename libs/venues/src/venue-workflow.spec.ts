import { Actor, Role } from '@app/auth';
import { BusinessRuleError, DomainError, ForbiddenError } from '@app/common';
import { assertVenueEditable, FINAL_VENUE_STATUSES, planVenueTransition, VENUE_TRANSITIONS, VenueState, VenueTransitionRequest } from './venue-workflow';
import { VenueStatus, VenueTier } from './venue.enums';

const ALL_STATUSES = Object.values(VenueStatus);
const EDITION = { windowStart: '2027-07-01', windowEnd: '2027-08-19' };
const SCHEDULED_DATE = '2027-08-12';
const TODAY = '2027-08-15';
const PROVINCE = '66';
const OTHER_PROVINCE = '79';

function makeActor(role: Role, provinceCode: string | null = null): Actor {
  return { id: `${role}-${provinceCode ?? 'all'}`, email: `${role}@example.vn`, role, provinceCode };
}

const planner = makeActor(Role.CentralPlanner);
const organizer = makeActor(Role.ProvincialOrganizer, PROVINCE);
const otherOrganizer = makeActor(Role.ProvincialOrganizer, OTHER_PROVINCE);
const viewer = makeActor(Role.Viewer);

function makeVenue(status: VenueStatus, overrides: Partial<VenueState> = {}): VenueState {
  return {
    status,
    tier: VenueTier.Provincial,
    provinceCode: PROVINCE,
    scheduledDate: status === VenueStatus.Scheduled || status === VenueStatus.Held ? SCHEDULED_DATE : null,
    ...overrides,
  };
}

/** A request carrying everything the target status needs. */
function completeRequest(to: VenueStatus): VenueTransitionRequest {
  switch (to) {
    case VenueStatus.Rejected:
    case VenueStatus.Cancelled:
      return { to, reason: 'Không đủ điều kiện tổ chức' };
    case VenueStatus.Scheduled:
      return { to, date: SCHEDULED_DATE, startTime: '07:30', endTime: '11:00' };
    default:
      return { to };
  }
}

/** Runs `fn`, expects it to throw, and returns what it threw. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const allowedPairs = ALL_STATUSES.flatMap((from) => VENUE_TRANSITIONS[from].map((to) => [from, to] as const));
const forbiddenPairs = ALL_STATUSES.flatMap((from) => ALL_STATUSES.filter((to) => !VENUE_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const));

describe('VENUE_TRANSITIONS', () => {
  it('covers every status as a source', () => {
    expect(Object.keys(VENUE_TRANSITIONS).sort()).toEqual([...ALL_STATUSES].sort());
  });

  it('gives the final statuses (held, rejected, cancelled) no exits', () => {
    expect(FINAL_VENUE_STATUSES).toEqual(expect.arrayContaining([VenueStatus.Held, VenueStatus.Rejected, VenueStatus.Cancelled]));
    expect(FINAL_VENUE_STATUSES).toHaveLength(3);
    for (const status of FINAL_VENUE_STATUSES) expect(VENUE_TRANSITIONS[status]).toEqual([]);
  });

  it('lets every non-final status be cancelled', () => {
    for (const status of ALL_STATUSES.filter((s) => !FINAL_VENUE_STATUSES.includes(s))) {
      expect(VENUE_TRANSITIONS[status]).toContain(VenueStatus.Cancelled);
    }
  });

  it('has 11 allowed and 38 refused pairs among the 7 statuses', () => {
    expect(allowedPairs).toHaveLength(11);
    expect(forbiddenPairs).toHaveLength(38);
  });
});

describe('planVenueTransition: which transitions exist', () => {
  it.each(allowedPairs)('a planner may move a venue from %s to %s', (from, to) => {
    const changes = planVenueTransition(makeVenue(from), completeRequest(to), planner, EDITION, TODAY);
    expect(changes.status).toBe(to);
  });

  it.each(forbiddenPairs)('moving a venue from %s to %s is refused with INVALID_TRANSITION (409)', (from, to) => {
    const error = thrownBy(() => planVenueTransition(makeVenue(from), completeRequest(to), planner, EDITION, TODAY));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    expect((error as DomainError).details).toEqual({ from, to, allowed: VENUE_TRANSITIONS[from] });
  });

  it.each(FINAL_VENUE_STATUSES)('a %s venue cannot move anywhere, even for a planner', (from) => {
    for (const to of ALL_STATUSES) {
      expect(() => planVenueTransition(makeVenue(from), completeRequest(to), planner, EDITION, TODAY)).toThrow(
        expect.objectContaining({ code: 'INVALID_TRANSITION', status: 409 }),
      );
    }
  });

  it('names both statuses in Vietnamese in the refusal message', () => {
    const error = thrownBy(() =>
      planVenueTransition(makeVenue(VenueStatus.Nominated), completeRequest(VenueStatus.Approved), planner, EDITION, TODAY),
    ) as DomainError;
    expect(error.message).toContain('"được đề xuất"');
    expect(error.message).toContain('"được phê duyệt"');
  });

  it('checks the workflow before the actor: a viewer asking for a missing transition gets 409, not 403', () => {
    expect(() => planVenueTransition(makeVenue(VenueStatus.Held), completeRequest(VenueStatus.Nominated), viewer, EDITION, TODAY)).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', status: 409 }),
    );
  });
});

describe('planVenueTransition: changes returned', () => {
  it('clears the status reason when shortlisting or approving', () => {
    expect(planVenueTransition(makeVenue(VenueStatus.Nominated), { to: VenueStatus.Shortlisted }, planner, EDITION, TODAY)).toEqual({
      status: VenueStatus.Shortlisted,
      statusReason: null,
    });
    expect(planVenueTransition(makeVenue(VenueStatus.Shortlisted), { to: VenueStatus.Approved }, planner, EDITION, TODAY)).toEqual({
      status: VenueStatus.Approved,
      statusReason: null,
    });
  });

  it('keeps the trimmed reason when rejecting', () => {
    const changes = planVenueTransition(makeVenue(VenueStatus.Nominated), { to: VenueStatus.Rejected, reason: '  Trùng địa điểm  ' }, planner, EDITION, TODAY);
    expect(changes).toEqual({ status: VenueStatus.Rejected, statusReason: 'Trùng địa điểm' });
  });

  it('changes only the status when marking held', () => {
    expect(planVenueTransition(makeVenue(VenueStatus.Scheduled), { to: VenueStatus.Held }, planner, EDITION, TODAY)).toEqual({
      status: VenueStatus.Held,
    });
  });
});

describe('planVenueTransition: reject and cancel need a reason', () => {
  const cases: Array<[VenueStatus, VenueStatus]> = [
    [VenueStatus.Nominated, VenueStatus.Rejected],
    [VenueStatus.Shortlisted, VenueStatus.Rejected],
    [VenueStatus.Nominated, VenueStatus.Cancelled],
    [VenueStatus.Approved, VenueStatus.Cancelled],
    [VenueStatus.Scheduled, VenueStatus.Cancelled],
  ];

  it.each(cases)('%s → %s without a reason is refused with REASON_REQUIRED (422)', (from, to) => {
    const error = thrownBy(() => planVenueTransition(makeVenue(from), { to }, planner, EDITION, TODAY));
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ code: 'REASON_REQUIRED', status: 422, details: { field: 'reason' } });
    expect((error as Error).message).toContain('lý do');
  });

  it.each(['', '  ', 'ab', '  ab  '])('refuses the too-short reason %j (fewer than 3 characters once trimmed)', (reason) => {
    expect(() => planVenueTransition(makeVenue(VenueStatus.Nominated), { to: VenueStatus.Rejected, reason }, planner, EDITION, TODAY)).toThrow(
      expect.objectContaining({ code: 'REASON_REQUIRED' }),
    );
  });

  it('accepts a reason of exactly 3 characters', () => {
    expect(planVenueTransition(makeVenue(VenueStatus.Approved), { to: VenueStatus.Cancelled, reason: 'Bão' }, planner, EDITION, TODAY)).toEqual({
      status: VenueStatus.Cancelled,
      statusReason: 'Bão',
    });
  });
});

describe('planVenueTransition: scheduling', () => {
  const approved = makeVenue(VenueStatus.Approved);
  const schedule = (request: Omit<VenueTransitionRequest, 'to'>) =>
    planVenueTransition(approved, { to: VenueStatus.Scheduled, ...request }, planner, EDITION, TODAY);

  it('returns the date and the start and end as UTC instants (Asia/Ho_Chi_Minh is UTC+7)', () => {
    const changes = schedule({ date: '2027-08-12', startTime: '07:30', endTime: '11:00' });
    expect(changes.status).toBe(VenueStatus.Scheduled);
    expect(changes.statusReason).toBeNull();
    expect(changes.scheduledDate).toBe('2027-08-12');
    expect(changes.startsAt).toBeInstanceOf(Date);
    expect(changes.startsAt!.toISOString()).toBe('2027-08-12T00:30:00.000Z');
    expect(changes.endsAt!.toISOString()).toBe('2027-08-12T04:00:00.000Z');
  });

  it('maps an early-morning local start to the previous UTC day', () => {
    const changes = schedule({ date: '2027-08-12', startTime: '06:00', endTime: '08:00' });
    expect(changes.startsAt!.toISOString()).toBe('2027-08-11T23:00:00.000Z');
  });

  it.each([
    [{ startTime: '07:30', endTime: '11:00' }, ['date']],
    [{ date: '2027-08-12', endTime: '11:00' }, ['startTime']],
    [{ date: '2027-08-12', startTime: '07:30' }, ['endTime']],
    [{}, ['date', 'startTime', 'endTime']],
  ])('refuses an incomplete schedule %j with SCHEDULE_INCOMPLETE naming %j', (request, missing) => {
    const error = thrownBy(() => schedule(request));
    expect(error).toMatchObject({ code: 'SCHEDULE_INCOMPLETE', status: 422, details: { fields: missing } });
  });

  it.each(['2027-06-30', '2027-08-20', '2026-08-12'])('refuses the date %s outside the edition window with DATE_OUTSIDE_WINDOW', (date) => {
    const error = thrownBy(() => schedule({ date, startTime: '07:30', endTime: '11:00' }));
    expect(error).toMatchObject({
      code: 'DATE_OUTSIDE_WINDOW',
      status: 422,
      details: { date, windowStart: EDITION.windowStart, windowEnd: EDITION.windowEnd },
    });
  });

  it.each([EDITION.windowStart, EDITION.windowEnd])('accepts the window bound %s itself', (date) => {
    expect(schedule({ date, startTime: '07:30', endTime: '11:00' }).scheduledDate).toBe(date);
  });

  it.each([
    ['11:00', '07:30'],
    ['07:30', '07:30'],
  ])('refuses a start of %s and an end of %s with TIMES_NOT_ORDERED', (startTime, endTime) => {
    const error = thrownBy(() => schedule({ date: '2027-08-12', startTime, endTime }));
    expect(error).toMatchObject({ code: 'TIMES_NOT_ORDERED', status: 422, details: { startTime, endTime } });
  });

  it('allows a scheduled venue to be rescheduled to a new date and hours', () => {
    const changes = planVenueTransition(
      makeVenue(VenueStatus.Scheduled),
      { to: VenueStatus.Scheduled, date: '2027-08-19', startTime: '14:00', endTime: '17:00' },
      planner,
      EDITION,
      TODAY,
    );
    expect(changes.scheduledDate).toBe('2027-08-19');
    expect(changes.startsAt!.toISOString()).toBe('2027-08-19T07:00:00.000Z');
    expect(changes.endsAt!.toISOString()).toBe('2027-08-19T10:00:00.000Z');
  });
});

describe('planVenueTransition: marking held', () => {
  const markHeld = (scheduledDate: string | null, today: string) =>
    planVenueTransition(makeVenue(VenueStatus.Scheduled, { scheduledDate }), { to: VenueStatus.Held }, planner, EDITION, today);

  it('succeeds on the scheduled day itself', () => {
    expect(markHeld('2027-08-12', '2027-08-12')).toEqual({ status: VenueStatus.Held });
  });

  it('succeeds after the scheduled day', () => {
    expect(markHeld('2027-08-12', '2027-08-20')).toEqual({ status: VenueStatus.Held });
  });

  it('is refused with NOT_YET_HELD before the scheduled day', () => {
    const error = thrownBy(() => markHeld('2027-08-12', '2027-08-11'));
    expect(error).toMatchObject({ code: 'NOT_YET_HELD', status: 422, details: { scheduledDate: '2027-08-12', today: '2027-08-11' } });
  });

  it('is refused with NOT_YET_HELD when the venue has no scheduled date', () => {
    expect(() => markHeld(null, '2027-08-20')).toThrow(expect.objectContaining({ code: 'NOT_YET_HELD' }));
  });
});

describe('planVenueTransition: who may decide', () => {
  const expectForbidden = (fn: () => unknown) => {
    const error = thrownBy(fn);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ status: 403, code: 'TRANSITION_FORBIDDEN' });
  };

  const nonCentralTiers = [VenueTier.Provincial, VenueTier.Commune, VenueTier.Grassroots];

  it.each(allowedPairs)('a planner may move a central venue from %s to %s', (from, to) => {
    const venue = makeVenue(from, { tier: VenueTier.Central });
    expect(planVenueTransition(venue, completeRequest(to), planner, EDITION, TODAY).status).toBe(to);
  });

  it.each(allowedPairs)('an organizer may move a non-central venue of their province from %s to %s', (from, to) => {
    for (const tier of nonCentralTiers) {
      const venue = makeVenue(from, { tier });
      expect(planVenueTransition(venue, completeRequest(to), organizer, EDITION, TODAY).status).toBe(to);
    }
  });

  it('an organizer may not shortlist a central venue of their own province', () => {
    const venue = makeVenue(VenueStatus.Nominated, { tier: VenueTier.Central });
    expectForbidden(() => planVenueTransition(venue, { to: VenueStatus.Shortlisted }, organizer, EDITION, TODAY));
  });

  it.each([
    [VenueStatus.Nominated, VenueStatus.Rejected],
    [VenueStatus.Shortlisted, VenueStatus.Approved],
    [VenueStatus.Shortlisted, VenueStatus.Cancelled],
    [VenueStatus.Approved, VenueStatus.Scheduled],
    [VenueStatus.Approved, VenueStatus.Cancelled],
    [VenueStatus.Scheduled, VenueStatus.Scheduled],
    [VenueStatus.Scheduled, VenueStatus.Cancelled],
  ])('an organizer may not move a central venue of their province from %s to %s', (from, to) => {
    const venue = makeVenue(from, { tier: VenueTier.Central });
    expectForbidden(() => planVenueTransition(venue, completeRequest(to), organizer, EDITION, TODAY));
  });

  it('an organizer may withdraw (cancel) their own nominated central venue', () => {
    const venue = makeVenue(VenueStatus.Nominated, { tier: VenueTier.Central });
    expect(planVenueTransition(venue, completeRequest(VenueStatus.Cancelled), organizer, EDITION, TODAY)).toEqual({
      status: VenueStatus.Cancelled,
      statusReason: 'Không đủ điều kiện tổ chức',
    });
  });

  it('an organizer may mark their province’s central venue held', () => {
    const venue = makeVenue(VenueStatus.Scheduled, { tier: VenueTier.Central });
    expect(planVenueTransition(venue, { to: VenueStatus.Held }, organizer, EDITION, TODAY)).toEqual({ status: VenueStatus.Held });
  });

  it.each(allowedPairs)('an organizer of another province may not move a venue from %s to %s', (from, to) => {
    for (const tier of Object.values(VenueTier)) {
      const venue = makeVenue(from, { tier });
      expectForbidden(() => planVenueTransition(venue, completeRequest(to), otherOrganizer, EDITION, TODAY));
    }
  });

  it('an organizer without a province may not move any venue', () => {
    const stray = makeActor(Role.ProvincialOrganizer, null);
    expectForbidden(() => planVenueTransition(makeVenue(VenueStatus.Nominated), { to: VenueStatus.Shortlisted }, stray, EDITION, TODAY));
  });

  it.each(allowedPairs)('a viewer may never move a venue from %s to %s', (from, to) => {
    for (const tier of Object.values(VenueTier)) {
      const venue = makeVenue(from, { tier });
      expectForbidden(() => planVenueTransition(venue, completeRequest(to), viewer, EDITION, TODAY));
    }
  });

  it('a viewer with a province code still may not move a venue of that province', () => {
    const provincialViewer = makeActor(Role.Viewer, PROVINCE);
    expectForbidden(() => planVenueTransition(makeVenue(VenueStatus.Scheduled), { to: VenueStatus.Held }, provincialViewer, EDITION, TODAY));
  });

  it('checks the actor before the data: an outsider with no reason gets 403, not REASON_REQUIRED', () => {
    expectForbidden(() => planVenueTransition(makeVenue(VenueStatus.Nominated), { to: VenueStatus.Rejected }, otherOrganizer, EDITION, TODAY));
  });
});

describe('assertVenueEditable', () => {
  it.each([VenueStatus.Held, VenueStatus.Rejected, VenueStatus.Cancelled])('refuses edits once the venue is %s, with VENUE_FINAL (409)', (status) => {
    const error = thrownBy(() => assertVenueEditable(status));
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ code: 'VENUE_FINAL', status: 409, details: { status } });
    expect((error as Error).message).toContain('không thể chỉnh sửa');
  });

  it.each([VenueStatus.Nominated, VenueStatus.Shortlisted, VenueStatus.Approved, VenueStatus.Scheduled])('allows edits while the venue is %s', (status) => {
    expect(() => assertVenueEditable(status)).not.toThrow();
  });
});
