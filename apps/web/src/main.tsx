import { ReactElement, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError } from './api/errors';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { pages } from './page-chunks';
import { isPlanner, SessionProvider, useSession } from './session';
import './styles.css';

// Each page is its own chunk, loaded on first visit (see page-chunks.ts).
const AccountsPage = pages.AccountsPage.Page;
const PressFormPage = pages.PressFormPage.Page;
const PasswordPage = pages.PasswordPage.Page;
const AuditPage = pages.AuditPage.Page;
const BudgetPage = pages.BudgetPage.Page;
const EditionsPage = pages.EditionsPage.Page;
const InvitationsPage = pages.InvitationsPage.Page;
const LeadersPage = pages.LeadersPage.Page;
const NotificationsPage = pages.NotificationsPage.Page;
const OverviewPage = pages.OverviewPage.Page;
const PlanningBoardPage = pages.PlanningBoardPage.Page;
const ReadinessPage = pages.ReadinessPage.Page;
const ReportPage = pages.ReportPage.Page;
const SearchPage = pages.SearchPage.Page;
const TaskTemplatePage = pages.TaskTemplatePage.Page;
const VenueForm = pages.VenueForm.Page;
const DayBoardPage = pages.DayBoardPage.Page;
const CheckInPage = pages.CheckInPage.Page;
const ProtocolPage = pages.ProtocolPage.Page;
const VenuePage = pages.VenuePage.Page;

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
