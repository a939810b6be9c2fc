// Mirrors the resources part of the API (issue 5); kept local so the bundle needs no zod.
import type { Role } from '../auth/types';

export const resourceTypes = ['vehicle', 'equipment', 'room', 'facility', 'facilitator', 'other'] as const;
export type ResourceType = (typeof resourceTypes)[number];

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

export const resourceStatuses = ['available', 'maintenance', 'retired'] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

export const resourceStatusLabels: Record<ResourceStatus, string> = {
  available: 'Available',
  maintenance: 'Under maintenance',
  retired: 'Retired',
};

export const isResourceType = (v: unknown): v is ResourceType =>
  typeof v === 'string' && (resourceTypes as readonly string[]).includes(v);
export const isResourceStatus = (v: unknown): v is ResourceStatus =>
  typeof v === 'string' && (resourceStatuses as readonly string[]).includes(v);

/** Booking constraints of one resource; absent or null means "no limit". */
export interface ResourceRules {
  maxDaysAhead?: number | null;
  maxDurationMinutes?: number | null;
  approverIds?: string[];
  autoApprove?: boolean;
}

export interface Resource {
  id: string;
  name: string;
  type: ResourceType;
  status: ResourceStatus;
  location: string | null;
  capacity: number | null;
  description: string | null;
  /** The user a facilitator resource stands for. */
  userId: string | null;
  rules: ResourceRules;
  version?: number;
  createdAt?: string;
  updatedAt?: string;
  /** Whether you may edit and retire it (the server's answer). */
  canManage?: boolean;
  /** Whether you decide its bookings (the server's answer). */
  canApprove?: boolean;
}

export interface ResourceBody {
  name: string;
  type: ResourceType;
  status?: ResourceStatus;
  location?: string | null;
  capacity?: number | null;
  description?: string | null;
  userId?: string | null;
  rules?: ResourceRules;
}

/** Who may add, edit and retire resources (the server decides; this only shapes the UI). */
export const canManageResources = (role: Role): boolean => role === 'admin' || role === 'coordinator';

/** Check-out and check-in apply to things that leave the office. */
export const isCheckable = (type: ResourceType | undefined): boolean =>
  type === 'vehicle' || type === 'equipment';
