import { PlaceholderPage } from '../../app/placeholder-page';

export function AttendancePage() {
  return (
    <PlaceholderPage
      title="Attendance"
      summary="Who took part in events, checked in by hand, by QR code or by NFC."
      coming={[
        'Check-in and check-out for each event, with a QR code scanned by a phone’s camera',
        'Invitations and RSVPs for staff and outside guests',
        'Attendance reports by community, by kind of event and over time, exportable as CSV',
      ]}
    />
  );
}
