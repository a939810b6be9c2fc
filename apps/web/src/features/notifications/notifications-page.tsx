import { PlaceholderPage } from '../../app/placeholder-page';

export function NotificationsPage() {
  return (
    <PlaceholderPage
      title="Notifications"
      summary="Your inbox of reminders, changes and decisions."
      coming={[
        'New and changed events, reminders, RSVP updates and a daily digest',
        'Booking and leave requests and their decisions',
        'Your choice of channels (in-app, email, SMS, push) and reminder times',
      ]}
    />
  );
}
