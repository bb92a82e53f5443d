import { lazy, ReactElement, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError } from './api/errors';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { pageChunks } from './page-chunks';
import { isPlanner, SessionProvider, useSession } from './session';
import './styles.css';

// Each page is its own chunk, loaded on first visit (see page-chunks.ts).
const AccountsPage = lazy(() => pageChunks.AccountsPage().then((module) => ({ default: module.AccountsPage })));
const PressFormPage = lazy(() => pageChunks.PressFormPage().then((module) => ({ default: module.PressFormPage })));
const PasswordPage = lazy(() => pageChunks.PasswordPage().then((module) => ({ default: module.PasswordPage })));
const AuditPage = lazy(() => pageChunks.AuditPage().then((module) => ({ default: module.AuditPage })));
const BudgetPage = lazy(() => pageChunks.BudgetPage().then((module) => ({ default: module.BudgetPage })));
const EditionsPage = lazy(() => pageChunks.EditionsPage().then((module) => ({ default: module.EditionsPage })));
const InvitationsPage = lazy(() => pageChunks.InvitationsPage().then((module) => ({ default: module.InvitationsPage })));
const LeadersPage = lazy(() => pageChunks.LeadersPage().then((module) => ({ default: module.LeadersPage })));
const NotificationsPage = lazy(() => pageChunks.NotificationsPage().then((module) => ({ default: module.NotificationsPage })));
const OverviewPage = lazy(() => pageChunks.OverviewPage().then((module) => ({ default: module.OverviewPage })));
const PlanningBoardPage = lazy(() => pageChunks.PlanningBoardPage().then((module) => ({ default: module.PlanningBoardPage })));
const ReadinessPage = lazy(() => pageChunks.ReadinessPage().then((module) => ({ default: module.ReadinessPage })));
const ReportPage = lazy(() => pageChunks.ReportPage().then((module) => ({ default: module.ReportPage })));
const SearchPage = lazy(() => pageChunks.SearchPage().then((module) => ({ default: module.SearchPage })));
const TaskTemplatePage = lazy(() => pageChunks.TaskTemplatePage().then((module) => ({ default: module.TaskTemplatePage })));
const VenueForm = lazy(() => pageChunks.VenueForm().then((module) => ({ default: module.VenueForm })));
const DayBoardPage = lazy(() => pageChunks.DayBoardPage().then((module) => ({ default: module.DayBoardPage })));
const CheckInPage = lazy(() => pageChunks.CheckInPage().then((module) => ({ default: module.CheckInPage })));
const ProtocolPage = lazy(() => pageChunks.ProtocolPage().then((module) => ({ default: module.ProtocolPage })));
const VenuePage = lazy(() => pageChunks.VenuePage().then((module) => ({ default: module.VenuePage })));

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
