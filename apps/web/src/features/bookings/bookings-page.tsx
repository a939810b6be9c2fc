import { PlaceholderPage } from '../../app/placeholder-page';

export function BookingsPage() {
  return (
    <PlaceholderPage
      title="Bookings"
      summary="Requests to use a resource, linked to a calendar item or on their own."
      coming={[
        'Your booking requests and their status: pending, approved, rejected, cancelled, completed',
        'Approving or rejecting requests one by one or in bulk, with a reason',
        'Check-out and check-in of vehicles and equipment',
        'Conflicts named before anything is double-booked',
      ]}
    />
  );
}
