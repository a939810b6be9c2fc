import type { ResourceStatus, ResourceType } from '@kalendaryo/contract/values';

/** How the screens name the contract's resource types and statuses. */
export const resourceTypeLabels: Record<ResourceType, string> = {
  vehicle: 'Vehicle',
  equipment: 'Equipment',
  room: 'Room',
  facility: 'Facility',
  facilitator: 'Facilitator',
  other: 'Other',
};

/** Plural labels, for filters and headings ("Vehicles"). */
export const resourceTypePlurals: Record<ResourceType, string> = {
  vehicle: 'Vehicles',
  equipment: 'Equipment',
  room: 'Rooms',
  facility: 'Facilities',
  facilitator: 'Facilitators',
  other: 'Other resources',
};

export const resourceStatusLabels: Record<ResourceStatus, string> = {
  available: 'Available',
  maintenance: 'Under maintenance',
  retired: 'Retired',
};

/** Check-out and check-in apply to things that leave the office. */
export const isCheckable = (type: ResourceType | undefined): boolean =>
  type === 'vehicle' || type === 'equipment';
