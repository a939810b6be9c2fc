// Mirrors packages/contract/src/items.ts and calendars.ts (kept local so the bundle needs no zod).

export const itemKinds = ['event', 'engagement', 'task', 'assessment', 'community_event', 'leave'] as const;
export type ItemKind = (typeof itemKinds)[number];
export type OccurrenceKind = ItemKind | 'holiday';

export const kindLabels: Record<OccurrenceKind, string> = {
  event: 'Coordination event',
  engagement: 'Stakeholder engagement',
  task: 'Staff task',
  assessment: 'MANA assessment',
  community_event: 'Community event',
  leave: 'Staff leave',
  holiday: 'Holiday',
};

export const itemStatuses = ['tentative', 'confirmed', 'cancelled'] as const;
export type ItemStatus = (typeof itemStatuses)[number];
export const statusLabels: Record<ItemStatus, string> = {
  tentative: 'Tentative',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
};

export type Visibility = 'default' | 'public' | 'private';
export type EditScope = 'this' | 'future' | 'all';

/** One occurrence in the calendar feed (`GET /api/v1/calendar`). */
export interface Occurrence {
  itemId: string | null;
  kind: OccurrenceKind;
  title: string;
  /** ISO instants; for all-day occurrences dates with an exclusive end. */
  start: string;
  end: string;
  allDay: boolean;
  /** The occurrence's original local start within its series; null for single items. */
  recurrenceId: string | null;
  isException: boolean;
  status: string;
  color: string;
  calendarId: string | null;
  communityId: string | null;
  location: string | null;
  recurring: boolean;
  editable: boolean;
  details?: Record<string, unknown>;
}

export interface Feed {
  occurrences: Occurrence[];
  truncated: boolean;
  /** Series you may edit that are shown cut short: their rule costs too much to expand. */
  truncatedSeries?: string[];
}

export type Permission = 'view' | 'edit' | 'manage';

export interface CalendarInfo {
  id: string;
  name: string;
  kind: 'personal' | 'shared';
  ownerId: string;
  color: string;
  description: string | null;
  permission: Permission;
}

export interface Community {
  id: string;
  name: string;
  region: string | null;
  province: string | null;
  municipality: string | null;
  barangay: string | null;
}

export interface ItemException {
  recurrenceId: string;
  cancelled: boolean;
  start: string | null;
  end: string | null;
  title: string | null;
  description: string | null;
  location: string | null;
  status: ItemStatus | null;
}

/** `GET /api/v1/items/{id}`. */
export interface Item {
  id: string;
  version: number;
  kind: ItemKind;
  calendarId: string;
  title: string;
  description: string | null;
  location: string | null;
  allDay: boolean;
  start: string;
  end: string;
  /** Local wall time (in `timeZone`) of the first start; a date for all-day items. */
  dtstart: string;
  dtend: string;
  timeZone: string | null;
  rrule: string | null;
  exdates: string[];
  rdates: string[];
  status: ItemStatus;
  visibility: Visibility;
  organizerId: string | null;
  communityId: string | null;
  color: string | null;
  uid: string;
  sequence: number;
  splitFromId: string | null;
  details: Record<string, unknown>;
  exceptions: ItemException[];
  canEdit: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The body of `POST /api/v1/items` (PATCH takes the same fields, all optional, less `kind`). */
export interface ItemBody {
  kind?: ItemKind;
  title?: string;
  start?: string;
  end?: string;
  timeZone?: string | null;
  calendarId?: string;
  allDay?: boolean;
  rrule?: string | null;
  exdates?: string[];
  location?: string | null;
  description?: string | null;
  communityId?: string | null;
  status?: ItemStatus;
  visibility?: Visibility;
  color?: string | null;
  details?: Record<string, unknown>;
}

/** Picklists of the kind-specific fields, value → label. */
export const detailOptions = {
  eventType: {
    meeting: 'Meeting',
    workshop: 'Workshop',
    training: 'Training',
    consultation: 'Consultation',
    conference: 'Conference',
    other: 'Other',
  },
  engagementType: {
    consultation: 'Consultation',
    dialogue: 'Dialogue',
    partnership: 'Partnership',
    courtesy_call: 'Courtesy call',
    other: 'Other',
  },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  taskStatus: { todo: 'To do', in_progress: 'In progress', done: 'Done' },
  assessmentType: { mana: 'MANA', rapid: 'Rapid assessment', follow_up: 'Follow-up', other: 'Other' },
  eventCategory: { cultural: 'Cultural', religious: 'Religious', administrative: 'Administrative' },
  serviceImpact: { none: 'None', low: 'Low', medium: 'Medium', high: 'High' },
  leaveType: {
    vacation: 'Vacation',
    sick: 'Sick',
    emergency: 'Emergency',
    maternity: 'Maternity',
    paternity: 'Paternity',
    special: 'Special',
    other: 'Other',
  },
  approvalStatus: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', cancelled: 'Cancelled' },
  holidayType: { regular: 'Regular holiday', special: 'Special non-working day', islamic: 'Islamic holiday' },
} as const satisfies Record<string, Record<string, string>>;

export type DetailOption = keyof typeof detailOptions;

/** `{value, label}` pairs of a picklist, for <SelectField>. */
export const optionsOf = (name: DetailOption): { value: string; label: string }[] =>
  Object.entries(detailOptions[name]).map(([value, label]) => ({ value, label }));

/** The label of a picklist value, or the value itself when unknown. */
export function optionLabel(name: DetailOption, value: unknown): string {
  if (typeof value !== 'string') return '';
  return (detailOptions[name] as Record<string, string>)[value] ?? value;
}
