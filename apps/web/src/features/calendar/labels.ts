/**
 * The words the calendar shows for the contract's values. Each table is keyed by the contract's
 * own types, so a kind, status or picklist value the server adds or drops fails the type check
 * here until it has a label.
 */
import type {
  AssessmentDetails,
  CommunityEventDetails,
  EngagementDetails,
  EventDetails,
  ItemKind,
  ItemStatus,
  LeaveDetails,
  Occurrence,
  TaskDetails,
  Visibility,
} from '@kalendaryo/contract';

export type OccurrenceKind = Occurrence['kind'];

const itemKindLabels: Record<ItemKind, string> = {
  event: 'Coordination event',
  engagement: 'Stakeholder engagement',
  task: 'Staff task',
  assessment: 'MANA assessment',
  community_event: 'Community event',
  leave: 'Staff leave',
};
export const kindLabels: Record<OccurrenceKind, string> = { ...itemKindLabels, holiday: 'Holiday' };
/** The kinds of item, in the order pickers list them. */
export const itemKinds = Object.keys(itemKindLabels) as ItemKind[];
export const isItemKind = (v: string): v is ItemKind => Object.hasOwn(itemKindLabels, v);

export const statusLabels: Record<ItemStatus, string> = {
  tentative: 'Tentative',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
};
export const itemStatuses = Object.keys(statusLabels) as ItemStatus[];
export const isItemStatus = (v: string): v is ItemStatus => Object.hasOwn(statusLabels, v);

export const visibilityLabels: Record<Visibility, string> = {
  default: 'As the calendar',
  public: 'Public',
  private: 'Private (others see "Busy")',
};

type Labels<T extends string> = Record<T, string>;

/** Picklists of the kind-specific fields, value → label. */
export const detailOptions = {
  eventType: {
    meeting: 'Meeting',
    workshop: 'Workshop',
    training: 'Training',
    consultation: 'Consultation',
    conference: 'Conference',
    other: 'Other',
  } satisfies Labels<EventDetails['eventType']>,
  engagementType: {
    consultation: 'Consultation',
    dialogue: 'Dialogue',
    partnership: 'Partnership',
    courtesy_call: 'Courtesy call',
    other: 'Other',
  } satisfies Labels<EngagementDetails['engagementType']>,
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' } satisfies Labels<
    TaskDetails['priority']
  >,
  taskStatus: { todo: 'To do', in_progress: 'In progress', done: 'Done' } satisfies Labels<
    TaskDetails['taskStatus']
  >,
  assessmentType: {
    mana: 'MANA',
    rapid: 'Rapid assessment',
    follow_up: 'Follow-up',
    other: 'Other',
  } satisfies Labels<AssessmentDetails['assessmentType']>,
  eventCategory: {
    cultural: 'Cultural',
    religious: 'Religious',
    administrative: 'Administrative',
  } satisfies Labels<CommunityEventDetails['eventCategory']>,
  serviceImpact: { none: 'None', low: 'Low', medium: 'Medium', high: 'High' } satisfies Labels<
    CommunityEventDetails['serviceImpact']
  >,
  leaveType: {
    vacation: 'Vacation',
    sick: 'Sick',
    personal: 'Personal',
    official: 'Official business',
    emergency: 'Emergency',
    maternity: 'Maternity',
    paternity: 'Paternity',
    special: 'Special',
    other: 'Other',
  } satisfies Labels<LeaveDetails['leaveType']>,
  // Set by the server's leave workflow and holiday calendar, not sent by the form.
  approvalStatus: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', cancelled: 'Cancelled' },
  holidayType: { regular: 'Regular holiday', special: 'Special non-working day', islamic: 'Islamic holiday' },
} as const;

export type DetailOption = keyof typeof detailOptions;

/** `{value, label}` pairs of a picklist, for <SelectField>. */
export const optionsOf = (name: DetailOption): { value: string; label: string }[] =>
  Object.entries(detailOptions[name]).map(([value, label]) => ({ value, label }));

/** The label of a picklist value, or the value itself when unknown. */
export function optionLabel(name: DetailOption, value: unknown): string {
  if (typeof value !== 'string') return '';
  return (detailOptions[name] as Record<string, string>)[value] ?? value;
}
