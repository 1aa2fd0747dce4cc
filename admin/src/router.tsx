import { Link, Navigate, createBrowserRouter, useRouteError } from 'react-router-dom';
import { Layout } from './components/Layout';
import { AuditPage } from './pages/AuditPage';
import { DeliveriesPage } from './pages/DeliveriesPage';
import { CandidateDetailPage } from './pages/candidates/CandidateDetailPage';
import { CandidatesPage } from './pages/candidates/CandidatesPage';
import { ExportsPage } from './pages/ExportsPage';
import { LoginPage } from './pages/LoginPage';
import { BookingDetailPage } from './pages/orders/BookingDetailPage';
import { BookingsPage } from './pages/orders/BookingsPage';
import { ExceptionsPage } from './pages/orders/ExceptionsPage';
import { PaymentsPage } from './pages/orders/PaymentsPage';
import { RefundsPage } from './pages/orders/RefundsPage';
import { PeriodEditPage } from './pages/periods/PeriodEditPage';
import { PeriodsPage } from './pages/periods/PeriodsPage';
import { QuotasPage } from './pages/QuotasPage';
import { RegionsPage } from './pages/RegionsPage';
import { RegistrationsPage } from './pages/RegistrationsPage';
import { ReleasePage } from './pages/ReleasePage';
import { SecurityPage } from './pages/SecurityPage';
import { RecentPhoneBindingsPage } from './pages/candidates/RecentPhoneBindingsPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { OfficialsPage } from './pages/officials/OfficialsPage';
import { MajorDetailPage } from './pages/majors/MajorDetailPage';
import { MajorsPage } from './pages/majors/MajorsPage';
import { EnrolledImportPage } from './pages/imports/EnrolledImportPage';
import { VenuesPage } from './pages/venues/VenuesPage';
import { AssignmentPage } from './pages/assignment/AssignmentPage';
import { VerifyTicketPage } from './pages/admission/VerifyTicketPage';
import { ScoresImportPage } from './pages/scores/ScoresImportPage';
import { ScoreStatsPage } from './pages/ScoreStatsPage';
import { CertificateImportPage } from './pages/imports/CertificateImportPage';
import { ApplicationsPage } from './pages/applications/ApplicationsPage';
import { ApplicationWindowsPage } from './pages/applications/ApplicationWindowsPage';
import { AnnouncementsPage } from './pages/announcements/AnnouncementsPage';
import { ContactsPage } from './pages/announcements/ContactsPage';
import { NoticesPage } from './pages/notices/NoticesPage';

function NotFound() {
  return (
    <div className="empty">
      页面不存在。<Link to="/seats">返回首页</Link>
    </div>
  );
}

function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <div className="banner error">
      页面出错了，请刷新后重试。<Link to="/seats">返回首页</Link>
    </div>
  );
}

/** Every page of the officials' admin, served under /admin. */
export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <Navigate to="/seats" replace /> },
        // The chart library is most of the bundle: loaded with the seats page, not before sign-in.
        {
          path: 'seats',
          lazy: () => import('./pages/LiveSeatsPage').then((m) => ({ Component: m.LiveSeatsPage })),
        },
        { path: 'periods', element: <PeriodsPage /> },
        { path: 'periods/:id', element: <PeriodEditPage /> },
        { path: 'regions', element: <RegionsPage /> },
        { path: 'quotas', element: <QuotasPage /> },
        { path: 'candidates', element: <CandidatesPage /> },
        { path: 'candidates/:id', element: <CandidateDetailPage /> },
        { path: 'registrations', element: <RegistrationsPage /> },
        { path: 'applications', element: <ApplicationsPage /> },
        { path: 'application-windows', element: <ApplicationWindowsPage /> },
        { path: 'bookings', element: <BookingsPage /> },
        { path: 'bookings/:id', element: <BookingDetailPage /> },
        { path: 'payments', element: <PaymentsPage /> },
        { path: 'refunds', element: <RefundsPage /> },
        { path: 'exceptions', element: <ExceptionsPage /> },
        { path: 'release', element: <ReleasePage /> },
        { path: 'exports', element: <ExportsPage /> },
        { path: 'audit', element: <AuditPage /> },
        { path: 'announcements', element: <AnnouncementsPage /> },
        { path: 'contacts', element: <ContactsPage /> },
        { path: 'notices', element: <NoticesPage /> },
        { path: 'deliveries', element: <DeliveriesPage /> },
        { path: 'security', element: <SecurityPage /> },
        { path: 'phone-bindings', element: <RecentPhoneBindingsPage /> },
        { path: 'officials', element: <OfficialsPage /> },
        { path: 'password', element: <ChangePasswordPage /> },
        { path: 'majors', element: <MajorsPage /> },
        { path: 'majors/:id', element: <MajorDetailPage /> },
        { path: 'imports/enrolled', element: <EnrolledImportPage /> },
        { path: 'venues', element: <VenuesPage /> },
        { path: 'assignment', element: <AssignmentPage /> },
        { path: 'verify', element: <VerifyTicketPage /> },
        { path: 'scores/import', element: <ScoresImportPage /> },
        { path: 'score-stats', element: <ScoreStatsPage /> },
        { path: 'imports/certificates', element: <CertificateImportPage /> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/admin' },
);
