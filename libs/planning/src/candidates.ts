/**
 * Pruning: the (leader, venue, date, role) candidates that no hard rule excludes on its own — tier,
 * availability, bans, pins, candidate dates inside the window. Everything downstream (model, greedy,
 * diagnosis) works on these only, so the model grows with the number of candidates, not with
 * leaders × venues × days.
 */
import type { IsoDate } from '@app/common';
import { assignmentCosts, costContext, CostContext, costTotal, usableDates } from './objective';
import { daysBetween, isTopTier, maxAppearances, minDaysApart } from './planning-rules';
import type { Plan, PlanningInstance, PlanRole, PreferenceCosts } from './planning.types';

export interface Candidate {
  index: number;
  leader: number;
  venue: number;
  date: IsoDate;
  /** Days since the window start. */
  day: number;
  role: PlanRole;
  costs: PreferenceCosts;
  cost: number;
  topTier: boolean;
}

export interface CandidateSet {
  instance: PlanningInstance;
  context: CostContext;
  candidates: Candidate[];
  /** Per venue: usable dates (candidate dates inside the window, narrowed by a date pin). */
  venueDates: IsoDate[][];
  chiefByVenue: number[][];
  accompanyingByVenue: number[][];
  byLeader: number[][];
  /** Accompanying pins per venue (leader indexes); unknown leaders are kept as -1. */
  accompanyingPins: number[][];
  leaderIndex: Map<string, number>;
  venueIndex: Map<string, number>;
  /** Days a leader needs between two venues (≥ 1), computed on demand and cached. */
  daysApart(venueA: number, venueB: number): number;
}

export function buildCandidates(instance: PlanningInstance): CandidateSet {
  const { venues, leaders, settings } = instance;
  const context = costContext(instance);
  const leaderIndex = new Map(leaders.map((leader, index) => [leader.id, index]));
  const venueIndex = new Map(venues.map((venue, index) => [venue.id, index]));
  const banned = new Set((instance.bans ?? []).map((ban) => `${ban.leaderId}|${ban.venueId}`));
  const chiefPins = new Map<string, Set<string>>();
  const accompanyingPins: number[][] = venues.map(() => []);
  for (const pin of instance.leaderPins ?? []) {
    if ((pin.role ?? 'chief_guest') === 'chief_guest') {
      chiefPins.set(pin.venueId, (chiefPins.get(pin.venueId) ?? new Set()).add(pin.leaderId));
    } else {
      const venue = venueIndex.get(pin.venueId);
      const leader = leaderIndex.get(pin.leaderId) ?? -1;
      if (venue !== undefined && !accompanyingPins[venue].includes(leader)) accompanyingPins[venue].push(leader);
    }
  }
  const available = leaders.map((leader) => new Set(leader.availableDates));
  const candidates: Candidate[] = [];
  const chiefByVenue: number[][] = venues.map(() => []);
  const accompanyingByVenue: number[][] = venues.map(() => []);
  const byLeader: number[][] = leaders.map(() => []);
  const venueDates = venues.map((venue) => usableDates(venue, instance));

  const add = (leader: number, venue: number, date: IsoDate, role: PlanRole) => {
    const costs = assignmentCosts(instance, context, leaders[leader], venues[venue], date, role);
    const candidate: Candidate = {
      index: candidates.length,
      leader,
      venue,
      date,
      day: daysBetween(settings.windowStart, date),
      role,
      costs,
      cost: costTotal(costs),
      topTier: isTopTier(leaders[leader], settings),
    };
    candidates.push(candidate);
    (role === 'chief_guest' ? chiefByVenue : accompanyingByVenue)[venue].push(candidate.index);
    byLeader[leader].push(candidate.index);
  };

  venues.forEach((venue, v) => {
    const pinned = chiefPins.get(venue.id);
    const needsAccompanying = (venue.accompanying ?? 0) > 0;
    leaders.forEach((leader, l) => {
      if (banned.has(`${leader.id}|${venue.id}`)) return;
      // Several different chief pins on one venue cannot all hold: no chief candidate survives.
      const chiefOk = leader.tierRank <= venue.requiredTierRank && (!pinned || (pinned.size === 1 && pinned.has(leader.id)));
      const accompanyingOk = needsAccompanying && leader.tierRank <= (venue.accompanyingTierRank ?? Infinity) && !(pinned?.size === 1 && pinned.has(leader.id));
      if (!chiefOk && !accompanyingOk) return;
      for (const date of venueDates[v]) {
        if (!available[l].has(date)) continue;
        if (chiefOk) add(l, v, date, 'chief_guest');
        if (accompanyingOk) add(l, v, date, 'accompanying');
      }
    });
  });

  // Days apart for every venue pair, filled on demand (0 = not computed yet).
  const apart = new Uint8Array(venues.length * venues.length);
  return {
    instance,
    context,
    candidates,
    venueDates,
    chiefByVenue,
    accompanyingByVenue,
    byLeader,
    accompanyingPins,
    leaderIndex,
    venueIndex,
    daysApart(a, b) {
      if (a === b) return 1;
      const key = a * venues.length + b;
      if (!apart[key]) apart[key] = apart[b * venues.length + a] = Math.min(255, minDaysApart(venues[a], venues[b], settings));
      return apart[key];
    },
  };
}

/** True when a leader may appear more than once, so same-day and travel rules need their own rows. */
export function canAppearTwice(set: CandidateSet, leader: number): boolean {
  return maxAppearances(set.instance.leaders[leader]) >= 2;
}

/** The plan made of the chosen candidates. */
export function planOf(set: CandidateSet, chosen: readonly number[]): Plan {
  const { instance, candidates } = set;
  return {
    assignments: chosen.map((c) => ({
      venueId: instance.venues[candidates[c].venue].id,
      leaderId: instance.leaders[candidates[c].leader].id,
      date: candidates[c].date,
      role: candidates[c].role,
    })),
  };
}
