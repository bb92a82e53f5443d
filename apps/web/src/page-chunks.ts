/**
 * The console's pages, each its own chunk loaded on first visit (the map library, for one, only with the
 * overview). The login page fetches the code of the page it leads to while the user types
 * (`preloadPageAt`): that page is then drawn at once after the login, without a loading state in between,
 * and starts asking for its data as soon as the login answers instead of after its code arrives.
 */
import { type ComponentType, createElement, lazy, useState } from 'react';

/** A page whose code loads on first visit (React.lazy) — or is drawn at once when its code came first. */
function page(load: () => Promise<ComponentType>): { Page: ComponentType; preload: () => void } {
  let loaded: ComponentType | undefined;
  const code = () => load().then((component) => (loaded = component));
  const Lazy = lazy(() => code().then((component) => ({ default: component })));
  function Page() {
    // Chosen once per visit: switching from the lazy one to the loaded one later would mount the page anew.
    const [Shown] = useState<ComponentType>(() => loaded ?? Lazy);
    return createElement(Shown);
  }
  return { Page, preload: () => void code().catch(() => undefined) };
}

export const pages = {
  AccountsPage: page(() => import('./pages/AccountsPage').then((module) => module.AccountsPage)),
  PressFormPage: page(() => import('./pages/PressFormPage').then((module) => module.PressFormPage)),
  PasswordPage: page(() => import('./pages/PasswordPage').then((module) => module.PasswordPage)),
  AuditPage: page(() => import('./pages/AuditPage').then((module) => module.AuditPage)),
  BudgetPage: page(() => import('./pages/BudgetPage').then((module) => module.BudgetPage)),
  EditionsPage: page(() => import('./pages/EditionsPage').then((module) => module.EditionsPage)),
  InvitationsPage: page(() => import('./pages/InvitationsPage').then((module) => module.InvitationsPage)),
  LeadersPage: page(() => import('./pages/leaders/LeadersPage').then((module) => module.LeadersPage)),
  NotificationsPage: page(() => import('./pages/NotificationsPage').then((module) => module.NotificationsPage)),
  OverviewPage: page(() => import('./pages/OverviewPage').then((module) => module.OverviewPage)),
  PlanningBoardPage: page(() => import('./pages/planning/PlanningBoardPage').then((module) => module.PlanningBoardPage)),
  ReadinessPage: page(() => import('./pages/ReadinessPage').then((module) => module.ReadinessPage)),
  ReportPage: page(() => import('./pages/ReportPage').then((module) => module.ReportPage)),
  SearchPage: page(() => import('./pages/SearchPage').then((module) => module.SearchPage)),
  TaskTemplatePage: page(() => import('./pages/TaskTemplatePage').then((module) => module.TaskTemplatePage)),
  VenueForm: page(() => import('./pages/venue/VenueForm').then((module) => module.VenueForm)),
  DayBoardPage: page(() => import('./pages/DayBoardPage').then((module) => module.DayBoardPage)),
  CheckInPage: page(() => import('./pages/venue/CheckInPage').then((module) => module.CheckInPage)),
  ProtocolPage: page(() => import('./pages/venue/ProtocolPage').then((module) => module.ProtocolPage)),
  VenuePage: page(() => import('./pages/venue/VenuePage').then((module) => module.VenuePage)),
};

/** The page each top-level path shows (those a login can lead to; a venue's pages by their prefix). */
const PAGE_AT: Record<string, keyof typeof pages> = {
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
  if (page) pages[page].preload();
}
