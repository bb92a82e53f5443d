/**
 * A leader's role at a venue and its Vietnamese names: a pure file (no decorators, no imports), so the
 * web console reads the same definitions as the API (`@shared/leaders/src/assignment.enums`).
 */

/** Declared order is the database enum's order: the chief guest sorts first. */
export enum AssignmentRole {
  ChiefGuest = 'chief_guest',
  Accompanying = 'accompanying',
}

export const ASSIGNMENT_ROLE_NAMES: Record<AssignmentRole, string> = {
  [AssignmentRole.ChiefGuest]: 'Lãnh đạo dự chính',
  [AssignmentRole.Accompanying]: 'Đi cùng',
};

export const ASSIGNMENT_ROLES: readonly AssignmentRole[] = Object.values(AssignmentRole);
