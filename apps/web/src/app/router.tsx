import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Outlet, redirect } from 'react-router';
import { UsersPage } from '../features/admin/users-page';
import { AttendancePage } from '../features/attendance/attendance-page';
import { AccountPage } from '../features/auth/account-page';
import { AuthLayout } from '../features/auth/auth-layout';
import { requireSession, setupLoader, signInLoader } from '../features/auth/loaders';
import { SetupPage } from '../features/auth/setup-page';
import { SignInPage } from '../features/auth/signin-page';
import { CalendarPage } from '../features/calendar/calendar-page';
import { ItemFormPage } from '../features/calendar/item-form-page';
import { NotificationsPage } from '../features/notifications/notifications-page';
import { RequireRole } from './access-denied';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

const resourcesPage = () =>
  import('../features/resources/resources-page').then((m) => ({ Component: m.ResourcesPage }));
const resourceFormPage = () =>
  import('../features/resources/resource-form-page').then((m) => ({ Component: m.ResourceFormPage }));
const timelinePage = () =>
  import('../features/resources/timeline-page').then((m) => ({ Component: m.TimelinePage }));
const utilisationPage = () =>
  import('../features/resources/utilisation-page').then((m) => ({ Component: m.UtilisationPage }));
const bookingsPage = () =>
  import('../features/bookings/bookings-page').then((m) => ({ Component: m.BookingsPage }));
const bookingFormPage = () =>
  import('../features/bookings/booking-form-page').then((m) => ({ Component: m.BookingFormPage }));
const participantsPage = () =>
  import('../features/attendance/participants-page').then((m) => ({ Component: m.ParticipantsPage }));
const checkInPage = () =>
  import('../features/attendance/check-in-page').then((m) => ({ Component: m.CheckInPage }));
const badgesPage = () =>
  import('../features/attendance/badges-page').then((m) => ({ Component: m.BadgesPage }));
const reportPage = () =>
  import('../features/attendance/report-page').then((m) => ({ Component: m.ReportPage }));
const selfCheckInPage = () =>
  import('../features/attendance/self-check-in-page').then((m) => ({ Component: m.SelfCheckInPage }));
const leaveQueuePage = () =>
  import('../features/leave/leave-queue-page').then((m) => ({ Component: m.LeaveQueuePage }));
const approvalsPage = () =>
  import('../features/bookings/approvals-page').then((m) => ({ Component: m.ApprovalsPage }));

/**
 * Every client route. Loaders decide where a visitor may go before anything renders:
 * signed-out visitors land on /signin (remembering the page in `next`), a fresh install on /setup.
 */
export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      path: '/',
      element: <RootLayout />,
      errorElement: <RouteError />,
      hydrateFallbackElement: (
        <p className="boot" role="status">
          Loading Kalendaryo…
        </p>
      ),
      children: [
        {
          element: <AuthLayout />,
          children: [
            { path: 'signin', element: <SignInPage />, loader: signInLoader(queryClient) },
            { path: 'setup', element: <SetupPage />, loader: setupLoader(queryClient) },
          ],
        },
        {
          element: <AppLayout />,
          loader: requireSession(queryClient),
          children: [
            {
              errorElement: <RouteError inLayout />,
              children: [
                { index: true, loader: () => redirect('/calendar') },
                { path: 'calendar', element: <CalendarPage /> },
                { path: 'calendar/items/new', element: <ItemFormPage /> },
                { path: 'calendar/items/:id/edit', element: <ItemFormPage /> },
                {
                  path: 'calendar/items/:id',
                  loader: ({ params }) => redirect(`/calendar/items/${params.id}/participants`),
                },
                { path: 'calendar/items/:id/participants', lazy: participantsPage },
                { path: 'calendar/items/:id/check-in', lazy: checkInPage },
                { path: 'calendar/items/:id/badges', lazy: badgesPage },
                { path: 'calendar/items/:id/report', lazy: reportPage },
                // Where the event's QR code leads (the server's check-in URL).
                { path: 'check-in', lazy: selfCheckInPage },
                // Resources and bookings load when first visited, not with sign-in.
                { path: 'resources', lazy: resourcesPage },
                { path: 'resources/new', lazy: resourceFormPage },
                { path: 'resources/timeline', lazy: timelinePage },
                { path: 'resources/utilisation', lazy: utilisationPage },
                { path: 'resources/:id/edit', lazy: resourceFormPage },
                { path: 'bookings', lazy: bookingsPage },
                { path: 'bookings/new', lazy: bookingFormPage },
                { path: 'bookings/approvals', lazy: approvalsPage },
                { path: 'leave/approvals', lazy: leaveQueuePage },
                { path: 'attendance', element: <AttendancePage /> },
                { path: 'notifications', element: <NotificationsPage /> },
                { path: 'account', element: <AccountPage /> },
                {
                  path: 'admin',
                  element: (
                    <RequireRole roles={['admin']}>
                      <Outlet />
                    </RequireRole>
                  ),
                  children: [
                    { index: true, loader: () => redirect('/admin/users') },
                    { path: 'users', element: <UsersPage /> },
                  ],
                },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
