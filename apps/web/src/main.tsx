import { lazy, ReactElement, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError } from './api/errors';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { isPlanner, SessionProvider, useSession } from './session';
import './styles.css';

// Each page is its own chunk, loaded on first visit: the map library, for one, only with the overview.
const AccountsPage = lazy(() => import('./pages/AccountsPage').then((module) => ({ default: module.AccountsPage })));
const PressFormPage = lazy(() => import('./pages/PressFormPage').then((module) => ({ default: module.PressFormPage })));
const PasswordPage = lazy(() => import('./pages/PasswordPage').then((module) => ({ default: module.PasswordPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((module) => ({ default: module.AuditPage })));
const BudgetPage = lazy(() => import('./pages/BudgetPage').then((module) => ({ default: module.BudgetPage })));
const EditionsPage = lazy(() => import('./pages/EditionsPage').then((module) => ({ default: module.EditionsPage })));
const InvitationsPage = lazy(() => import('./pages/InvitationsPage').then((module) => ({ default: module.InvitationsPage })));
const LeadersPage = lazy(() => import('./pages/leaders/LeadersPage').then((module) => ({ default: module.LeadersPage })));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage').then((module) => ({ default: module.NotificationsPage })));
const OverviewPage = lazy(() => import('./pages/OverviewPage').then((module) => ({ default: module.OverviewPage })));
const PlanningBoardPage = lazy(() => import('./pages/planning/PlanningBoardPage').then((module) => ({ default: module.PlanningBoardPage })));
const ReadinessPage = lazy(() => import('./pages/ReadinessPage').then((module) => ({ default: module.ReadinessPage })));
const ReportPage = lazy(() => import('./pages/ReportPage').then((module) => ({ default: module.ReportPage })));
const SearchPage = lazy(() => import('./pages/SearchPage').then((module) => ({ default: module.SearchPage })));
const TaskTemplatePage = lazy(() => import('./pages/TaskTemplatePage').then((module) => ({ default: module.TaskTemplatePage })));
const VenueForm = lazy(() => import('./pages/venue/VenueForm').then((module) => ({ default: module.VenueForm })));
const DayBoardPage = lazy(() => import('./pages/DayBoardPage').then((module) => ({ default: module.DayBoardPage })));
const CheckInPage = lazy(() => import('./pages/venue/CheckInPage').then((module) => ({ default: module.CheckInPage })));
const ProtocolPage = lazy(() => import('./pages/venue/ProtocolPage').then((module) => ({ default: module.ProtocolPage })));
const VenuePage = lazy(() => import('./pages/venue/VenuePage').then((module) => ({ default: module.VenuePage })));

const PASSWORD_PATH = '/doi-mat-khau';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Refusals (403 outside one's province, 404, validation) will not change by asking again.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

function RequireLogin({ plannersOnly = false, children }: { plannersOnly?: boolean; children: ReactElement }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/dang-nhap" replace state={{ from: location.pathname + location.search }} />;
  // A planner asked for a new password: nothing else until it is chosen (the API refuses the rest too).
  if (user.mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  if (plannersOnly && !isPlanner(user)) {
    return (
      <section className="panel error-panel" role="alert">
        <h2>Không có quyền truy cập</h2>
        <p>Chỉ cán bộ lập kế hoạch Trung ương được xem trang này.</p>
      </section>
    );
  }
  return children;
}

function App() {
  return (
    <Routes>
      <Route path="/dang-nhap" element={<LoginPage />} />
      {/* Public: journalists ask for accreditation without an account. */}
      <Route
        path="/bao-chi/:venueId"
        element={
          <Suspense fallback={null}>
            <PressFormPage />
          </Suspense>
        }
      />
      <Route
        path={PASSWORD_PATH}
        element={
          <RequireLogin>
            <Suspense fallback={null}>
              <PasswordPage />
            </Suspense>
          </RequireLogin>
        }
      />
      <Route
        element={
          <RequireLogin>
            <Layout />
          </RequireLogin>
        }
      >
        <Route index element={<OverviewPage />} />
        <Route path="diem/moi" element={<VenueForm />} />
        <Route path="diem/:id" element={<VenuePage />} />
        <Route path="diem/:id/sua" element={<VenueForm />} />
        <Route path="diem/:id/le-tan" element={<ProtocolPage />} />
        <Route path="diem/:id/diem-danh" element={<CheckInPage />} />
        <Route path="san-sang" element={<ReadinessPage />} />
        <Route path="kinh-phi" element={<BudgetPage />} />
        <Route path="bao-cao" element={<ReportPage />} />
        <Route path="truc-tiep" element={<DayBoardPage />} />
        <Route path="thong-bao" element={<NotificationsPage />} />
        <Route path="tim-kiem" element={<SearchPage />} />
        <Route
          path="lanh-dao"
          element={
            <RequireLogin plannersOnly>
              <LeadersPage />
            </RequireLogin>
          }
        />
        <Route
          path="lap-ke-hoach"
          element={
            <RequireLogin plannersOnly>
              <PlanningBoardPage />
            </RequireLogin>
          }
        />
        <Route
          path="loi-moi"
          element={
            <RequireLogin plannersOnly>
              <InvitationsPage />
            </RequireLogin>
          }
        />
        <Route
          path="nhat-ky"
          element={
            <RequireLogin plannersOnly>
              <AuditPage />
            </RequireLogin>
          }
        />
        <Route
          path="dot-to-chuc"
          element={
            <RequireLogin plannersOnly>
              <EditionsPage />
            </RequireLogin>
          }
        />
        <Route
          path="tai-khoan"
          element={
            <RequireLogin plannersOnly>
              <AccountsPage />
            </RequireLogin>
          }
        />
        <Route
          path="mau-cong-viec"
          element={
            <RequireLogin plannersOnly>
              <TaskTemplatePage />
            </RequireLogin>
          }
        />
        <Route path="*" element={<section className="panel">Không tìm thấy trang này.</section>} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
