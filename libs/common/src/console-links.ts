/**
 * The web console's pages, as links to put in notifications and e-mails: the one place that knows the
 * console's routes (apps/web/src/main.tsx), so that every link people follow lands on a page that shows
 * its object. Paths only; e-mails make them absolute with `AppConfig.publicUrl`.
 */
export const CONSOLE_LINKS = {
  /** A venue's page. */
  venue: (venueId: string) => `/diem/${venueId}`,
  /** A venue's logistics tasks, opened on one task when named (the board scrolls to and marks it). */
  venueTasks: (venueId: string, taskId?: string) => `/diem/${venueId}${taskId ? `?viec=${taskId}` : ''}#nhiem-vu`,
  /** A venue's invitation answers (and, for planners, its proposed substitutes). */
  venueAnswers: (venueId: string) => `/diem/${venueId}#tra-loi-giay-moi`,
  /** The readiness dashboard, on one province. */
  readiness: (provinceCode: string) => `/san-sang?tinh=${provinceCode}`,
  /** The planners' planning board. */
  planning: () => '/lap-ke-hoach',
  /** The planners' invitation list, filtered by status when given. */
  invitations: (status?: string) => `/loi-moi${status ? `?trangThai=${status}` : ''}`,
} as const;
