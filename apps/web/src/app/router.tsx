import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type LoaderFunctionArgs, Outlet, redirect } from 'react-router';
import { AuthLayout } from '../features/auth/auth-layout';
import { requireSession, setupLoader, signInLoader } from '../features/auth/loaders';
import { SetupPage } from '../features/auth/setup-page';
import { SignInPage } from '../features/auth/signin-page';
import { RequireRole } from './access-denied';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';
import { temporalReady } from './temporal';

// Every page behind sign-in loads when first visited: the first screen (sign-in, or the shell)
// carries neither the calendar grid nor the zone and recurrence code.
const calendarPage = () =>
  import('../features/calendar/calendar-page').then((m) => ({ Component: m.CalendarPage }));
const deletedItemsPage = () =>
  import('../features/calendar/deleted-items-page').then((m) => ({ Component: m.DeletedItemsPage }));
const itemFormPage = () =>
  import('../features/calendar/item-form-page').then((m) => ({ Component: m.ItemFormPage }));
const attendancePage = () =>
  import('../features/attendance/attendance-page').then((m) => ({ Component: m.AttendancePage }));
const notificationsPage = () =>
  import('../features/notifications/notifications-page').then((m) => ({ Component: m.NotificationsPage }));
const preferencesPage = () =>
  import('../features/notifications/preferences-page').then((m) => ({ Component: m.PreferencesPage }));
const accountPage = () => import('../features/auth/account-page').then((m) => ({ Component: m.AccountPage }));
const usersPage = () => import('../features/admin/users-page').then((m) => ({ Component: m.UsersPage }));

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
const publicCalendarPage = () =>
  import('../features/sharing/public-calendar-page').then((m) => ({ Component: m.PublicCalendarPage }));
const approvalsPage = () =>
  import('../features/bookings/approvals-page').then((m) => ({ Component: m.ApprovalsPage }));

/** The session check of the pages behind sign-in, and Temporal ready for the times they show. */
const signedIn = (queryClient: QueryClient) => {
  const session = requireSession(queryClient);
  return async (args: LoaderFunctionArgs) => (await Promise.all([session(args), temporalReady()]))[0];
};

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
        // A calendar opened by a share link: no sign-in.
        { path: 'share/:token', lazy: publicCalendarPage, loader: () => temporalReady() },
        {
          element: <AppLayout />,
          loader: signedIn(queryClient),
          children: [
            {
              errorElement: <RouteError inLayout />,
              children: [
                { index: true, loader: () => redirect('/calendar') },
                { path: 'calendar', lazy: calendarPage },
                { path: 'calendar/items/new', lazy: itemFormPage },
                { path: 'calendar/deleted', lazy: deletedItemsPage },
                { path: 'calendar/items/:id/edit', lazy: itemFormPage },
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
                { path: 'resources', lazy: resourcesPage },
                { path: 'resources/new', lazy: resourceFormPage },
                { path: 'resources/timeline', lazy: timelinePage },
                { path: 'resources/utilisation', lazy: utilisationPage },
                { path: 'resources/:id/edit', lazy: resourceFormPage },
                { path: 'bookings', lazy: bookingsPage },
                { path: 'bookings/new', lazy: bookingFormPage },
                { path: 'bookings/approvals', lazy: approvalsPage },
                { path: 'leave/approvals', lazy: leaveQueuePage },
                { path: 'attendance', lazy: attendancePage },
                { path: 'notifications', lazy: notificationsPage },
                { path: 'settings/notifications', lazy: preferencesPage },
                { path: 'account', lazy: accountPage },
                {
                  path: 'admin',
                  element: (
                    <RequireRole roles={['admin']}>
                      <Outlet />
                    </RequireRole>
                  ),
                  children: [
                    { index: true, loader: () => redirect('/admin/users') },
                    { path: 'users', lazy: usersPage },
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
