/**
 * Account roles and their Vietnamese names: a pure file (no decorators, no imports), so the web
 * console reads the same definitions as the API (`@shared/auth/src/role.enums`).
 */

export enum Role {
  /** Central steering committee staff: everything, nationwide. */
  CentralPlanner = 'central_planner',
  /** Runs the venues of one province, and only that province. */
  ProvincialOrganizer = 'provincial_organizer',
  /** Reads the plan; writes nothing. */
  Viewer = 'viewer',
}

export const ROLE_NAMES: Record<Role, string> = {
  [Role.CentralPlanner]: 'Cán bộ lập kế hoạch Trung ương',
  [Role.ProvincialOrganizer]: 'Cán bộ tổ chức cấp tỉnh',
  [Role.Viewer]: 'Người xem',
};
