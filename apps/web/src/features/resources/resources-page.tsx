import { PlaceholderPage } from '../../app/placeholder-page';

export function ResourcesPage() {
  return (
    <PlaceholderPage
      title="Resources"
      summary="The vehicles, rooms, equipment, facilities and facilitators the office books for its work."
      coming={[
        'A list of resources with their status (available, under maintenance, retired), location and capacity',
        'Each resource’s own calendar and an availability heatmap across resources',
        'A search for a free vehicle for a trip',
        'Booking rules: how far ahead, how long, who approves',
      ]}
    />
  );
}
