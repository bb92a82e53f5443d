/**
 * The console's pages, each its own chunk loaded on first visit (the map library, for one, only with the
 * overview). The login page fetches the chunk of the page it leads to while the user types
 * (`preloadPageAt`), so that page starts asking for its data as soon as the login answers instead of
 * after its code arrives.
 */
export const pageChunks = {
  AccountsPage: () => import('./pages/AccountsPage'),
  PressFormPage: () => import('./pages/PressFormPage'),
  PasswordPage: () => import('./pages/PasswordPage'),
  AuditPage: () => import('./pages/AuditPage'),
  BudgetPage: () => import('./pages/BudgetPage'),
  EditionsPage: () => import('./pages/EditionsPage'),
  InvitationsPage: () => import('./pages/InvitationsPage'),
  LeadersPage: () => import('./pages/leaders/LeadersPage'),
  NotificationsPage: () => import('./pages/NotificationsPage'),
  OverviewPage: () => import('./pages/OverviewPage'),
  PlanningBoardPage: () => import('./pages/planning/PlanningBoardPage'),
  ReadinessPage: () => import('./pages/ReadinessPage'),
  ReportPage: () => import('./pages/ReportPage'),
  SearchPage: () => import('./pages/SearchPage'),
  TaskTemplatePage: () => import('./pages/TaskTemplatePage'),
  VenueForm: () => import('./pages/venue/VenueForm'),
  DayBoardPage: () => import('./pages/DayBoardPage'),
  CheckInPage: () => import('./pages/venue/CheckInPage'),
  ProtocolPage: () => import('./pages/venue/ProtocolPage'),
  VenuePage: () => import('./pages/venue/VenuePage'),
};

/** The page each top-level path shows (those a login can lead to; a venue's pages by their prefix). */
const PAGE_AT: Record<string, keyof typeof pageChunks> = {
  '/': 'OverviewPage',
  '/san-sang': 'ReadinessPage',
  '/kinh-phi': 'BudgetPage',
  '/bao-cao': 'ReportPage',
  '/truc-tiep': 'DayBoardPage',
  '/thong-bao': 'NotificationsPage',
  '/tim-kiem': 'SearchPage',
  '/lanh-dao': 'LeadersPage',
  '/lap-ke-hoach': 'PlanningBoardPage',
  '/loi-moi': 'InvitationsPage',
  '/nhat-ky': 'AuditPage',
  '/dot-to-chuc': 'EditionsPage',
  '/tai-khoan': 'AccountsPage',
  '/mau-cong-viec': 'TaskTemplatePage',
  '/doi-mat-khau': 'PasswordPage',
};

/** Fetches the code of the page at `path` (a path with its query, as a login's `from`), if it is one of the above or a venue's page. */
export function preloadPageAt(path: string): void {
  const pathname = path.split(/[?#]/)[0].replace(/(.)\/$/, '$1');
  const page = PAGE_AT[pathname] ?? (/^\/diem\/[^/]+$/.test(pathname) && pathname !== '/diem/moi' ? 'VenuePage' : undefined);
  // Only a head start: a failure here shows when the page itself loads it.
  if (page) pageChunks[page]().catch(() => undefined);
}
