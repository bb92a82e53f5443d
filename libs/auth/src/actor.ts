/**
 * Who is acting, and the RBAC rules that depend only on that. Every scope decision is made here,
 * once; services call these instead of comparing roles inline.
 */
import { ForbiddenError } from '@app/common';
import { Role } from './role.enums';

export interface Actor {
  id: string;
  email: string;
  role: Role;
  /** Set for provincial organizers only. */
  provinceCode: string | null;
}

/** The actor used by migrations, seeds and CLI commands when they write audited rows. */
export const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000000', email: 'system', role: Role.CentralPlanner, provinceCode: null };

export const isPlanner = (actor: Actor) => actor.role === Role.CentralPlanner;

/** Planners write everywhere; an organizer writes only in their own province; viewers never write. */
export function canWriteProvince(actor: Actor, provinceCode: string): boolean {
  if (actor.role === Role.CentralPlanner) return true;
  return actor.role === Role.ProvincialOrganizer && actor.provinceCode === provinceCode;
}

export function assertCanWriteProvince(actor: Actor, provinceCode: string): void {
  if (!canWriteProvince(actor, provinceCode)) {
    throw new ForbiddenError('Bạn chỉ được thao tác trên dữ liệu của tỉnh, thành phố mình phụ trách.', 'PROVINCE_SCOPE');
  }
}

export function assertPlanner(actor: Actor): void {
  if (!isPlanner(actor)) throw new ForbiddenError('Chỉ cán bộ lập kế hoạch Trung ương được thực hiện thao tác này.', 'PLANNER_ONLY');
}

/**
 * Leaders' movements are need-to-know, the same rule as the edition-plan export: planners see who goes
 * where; an organizer sees the leaders assigned to their own province's venues only; viewers see none
 * (venue by venue they would add up to every leader's movements in bulk). Contacts stay with planners.
 */
export function canSeeVenueLeaders(actor: Actor, venueProvinceCode: string): boolean {
  if (actor.role === Role.ProvincialOrganizer) return actor.provinceCode === venueProvinceCode;
  return actor.role === Role.CentralPlanner;
}

export const canSeeLeaderContacts = isPlanner;
