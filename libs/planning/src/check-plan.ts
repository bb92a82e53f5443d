/**
 * An independent validator of the hard rules, written from the rules and not from the model: it
 * reads a plan as a planner would (assignments with dates) and lists every violation. Property tests
 * run it on every plan the solver and the greedy baseline return; the service may run it on a plan a
 * planner edited by hand.
 */
import type { IsoDate } from '@app/common';
import { daysBetween, isInWindow, isTopTier, maxAppearances, minDaysApart } from './planning-rules';
import type { Plan, PlanAssignment, PlanningInstance } from './planning.types';

export type ViolationCode =
  | 'UNKNOWN_VENUE'
  | 'UNKNOWN_LEADER'
  | 'VENUE_UNCOVERED'
  | 'VENUE_MULTIPLE_CHIEFS'
  | 'VENUE_DATE_MISMATCH'
  | 'DATE_NOT_CANDIDATE'
  | 'DATE_OUTSIDE_WINDOW'
  | 'TIER_TOO_LOW'
  | 'LEADER_UNAVAILABLE'
  | 'LEADER_TWICE_AT_VENUE'
  | 'LEADER_SAME_DAY'
  | 'LEADER_MAX_APPEARANCES'
  | 'LEADER_TRAVEL_TIME'
  | 'CAPACITY_TOP_TIER_DAY'
  | 'CAPACITY_TOP_TIER_PROVINCE'
  | 'PIN_LEADER_VIOLATED'
  | 'PIN_DATE_VIOLATED'
  | 'BAN_VIOLATED'
  | 'ACCOMPANYING_SHORT'
  | 'ACCOMPANYING_EXCESS';

export interface Violation {
  code: ViolationCode;
  venueId?: string;
  leaderId?: string;
  date?: IsoDate;
  detail?: string;
}

/** Every hard-rule violation of `plan`; an uncovered venue is `VENUE_UNCOVERED`, a missing accompanying leader `ACCOMPANYING_SHORT`. */
export function checkPlan(instance: PlanningInstance, plan: Plan): Violation[] {
  const violations: Violation[] = [];
  const { settings } = instance;
  const venues = new Map(instance.venues.map((venue) => [venue.id, venue]));
  const leaders = new Map(instance.leaders.map((leader) => [leader.id, leader]));
  const add = (code: ViolationCode, at: Partial<PlanAssignment> = {}, detail?: string) =>
    violations.push({ code, venueId: at.venueId, leaderId: at.leaderId, date: at.date, ...(detail ? { detail } : {}) });

  const known = plan.assignments.filter((assignment) => {
    if (!venues.has(assignment.venueId)) add('UNKNOWN_VENUE', assignment);
    else if (!leaders.has(assignment.leaderId)) add('UNKNOWN_LEADER', assignment);
    else return true;
    return false;
  });

  // Per venue: one chief, one date, candidate date in the window, tiers, bans, pins, accompanying count.
  for (const venue of instance.venues) {
    const here = known.filter((assignment) => assignment.venueId === venue.id);
    const chiefs = here.filter((assignment) => assignment.role === 'chief_guest');
    const accompanying = here.filter((assignment) => assignment.role === 'accompanying');
    if (!chiefs.length) {
      if (here.length) add('VENUE_UNCOVERED', { venueId: venue.id }, 'accompanying leaders without a chief guest');
      else add('VENUE_UNCOVERED', { venueId: venue.id });
    }
    if (chiefs.length > 1) add('VENUE_MULTIPLE_CHIEFS', { venueId: venue.id });
    if (new Set(here.map((assignment) => assignment.date)).size > 1) add('VENUE_DATE_MISMATCH', { venueId: venue.id });
    const leaderIds = here.map((assignment) => assignment.leaderId);
    for (const leaderId of new Set(leaderIds)) {
      if (leaderIds.filter((id) => id === leaderId).length > 1) add('LEADER_TWICE_AT_VENUE', { venueId: venue.id, leaderId });
    }
    for (const assignment of here) {
      const leader = leaders.get(assignment.leaderId)!;
      if (!venue.candidateDates.includes(assignment.date)) add('DATE_NOT_CANDIDATE', assignment);
      if (!isInWindow(assignment.date, settings)) add('DATE_OUTSIDE_WINDOW', assignment);
      const required = assignment.role === 'chief_guest' ? venue.requiredTierRank : (venue.accompanyingTierRank ?? Infinity);
      if (leader.tierRank > required) add('TIER_TOO_LOW', assignment);
      if (!leader.availableDates.includes(assignment.date)) add('LEADER_UNAVAILABLE', assignment);
      if ((instance.bans ?? []).some((ban) => ban.venueId === venue.id && ban.leaderId === leader.id)) add('BAN_VIOLATED', assignment);
      const pin = (instance.datePins ?? []).find((p) => p.venueId === venue.id && p.date !== assignment.date);
      if (pin) add('PIN_DATE_VIOLATED', assignment, `pinned to ${pin.date}`);
    }
    if (chiefs.length) {
      for (const pin of (instance.leaderPins ?? []).filter((p) => p.venueId === venue.id)) {
        const holders = (pin.role ?? 'chief_guest') === 'chief_guest' ? chiefs : accompanying;
        if (!holders.some((assignment) => assignment.leaderId === pin.leaderId)) {
          add('PIN_LEADER_VIOLATED', { venueId: venue.id, leaderId: pin.leaderId }, pin.role ?? 'chief_guest');
        }
      }
      const needed = venue.accompanying ?? 0;
      if (accompanying.length < needed) add('ACCOMPANYING_SHORT', { venueId: venue.id }, `${accompanying.length}/${needed}`);
      if (accompanying.length > needed) add('ACCOMPANYING_EXCESS', { venueId: venue.id }, `${accompanying.length}/${needed}`);
    }
  }

  // Per leader: one a day, at most their maximum, enough days to travel between two venues.
  for (const leader of instance.leaders) {
    const own = known.filter((assignment) => assignment.leaderId === leader.id).sort((a, b) => a.date.localeCompare(b.date));
    if (own.length > maxAppearances(leader)) add('LEADER_MAX_APPEARANCES', { leaderId: leader.id }, `${own.length}/${maxAppearances(leader)}`);
    for (let i = 0; i < own.length; i++) {
      for (let j = i + 1; j < own.length; j++) {
        const apart = daysBetween(own[i].date, own[j].date);
        if (apart === 0) add('LEADER_SAME_DAY', own[j]);
        else if (own[i].venueId !== own[j].venueId) {
          const needed = minDaysApart(venues.get(own[i].venueId)!, venues.get(own[j].venueId)!, settings);
          if (apart < needed) add('LEADER_TRAVEL_TIME', own[j], `${apart} < ${needed} days after ${own[i].venueId}`);
        }
      }
    }
  }

  // Protection capacity: top-tier appearances per day, nationwide and per province.
  const perDay = new Map<IsoDate, number>();
  const perProvinceDay = new Map<string, number>();
  for (const assignment of known) {
    if (!isTopTier(leaders.get(assignment.leaderId)!, settings)) continue;
    perDay.set(assignment.date, (perDay.get(assignment.date) ?? 0) + 1);
    const key = `${venues.get(assignment.venueId)!.provinceCode}|${assignment.date}`;
    perProvinceDay.set(key, (perProvinceDay.get(key) ?? 0) + 1);
  }
  for (const [date, count] of perDay) {
    if (count > settings.maxTopTierPerDay) add('CAPACITY_TOP_TIER_DAY', { date }, `${count} > ${settings.maxTopTierPerDay}`);
  }
  for (const [key, count] of perProvinceDay) {
    const [province, date] = key.split('|');
    if (count > settings.maxTopTierPerProvinceDay) add('CAPACITY_TOP_TIER_PROVINCE', { date }, `${province}: ${count} > ${settings.maxTopTierPerProvinceDay}`);
  }
  return violations;
}
