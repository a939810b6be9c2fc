import { formatWall, wallOf } from '../../app/time';
import { type OccurrenceKind, optionLabel } from './labels';

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const names = (v: unknown): string =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').join(', ') : '';
const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The kind-specific fields of an item worth showing in its summary, as label → text. */
export function detailsSummary(
  kind: OccurrenceKind,
  details: Record<string, unknown> | undefined,
  zone: string,
): [string, string][] {
  const d = details ?? {};
  const rows: [string, string][] = [];
  const add = (label: string, value: string) => {
    if (value) rows.push([label, value]);
  };
  switch (kind) {
    case 'event':
      add('Type', optionLabel('eventType', d.eventType));
      add('Agenda', clip(text(d.agenda)));
      break;
    case 'engagement':
      add('Type', optionLabel('engagementType', d.engagementType));
      add('Stakeholders', names(d.stakeholders));
      add('Objectives', clip(text(d.objectives)));
      break;
    case 'task': {
      add('Priority', optionLabel('priority', d.priority));
      add('Progress', optionLabel('taskStatus', d.taskStatus));
      const due = text(d.dueAt);
      if (due && !Number.isNaN(Date.parse(due))) {
        const wall = wallOf(Date.parse(due), zone);
        add(
          'Due',
          formatWall(wall, {
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
          }),
        );
      }
      break;
    }
    case 'assessment':
      add('Type', optionLabel('assessmentType', d.assessmentType));
      add('Team', names(d.team));
      add('Objectives', clip(text(d.objectives)));
      break;
    case 'community_event':
      add('Category', optionLabel('eventCategory', d.eventCategory));
      add('Impact on services', optionLabel('serviceImpact', d.serviceImpact));
      add('Impact notes', clip(text(d.impactNotes)));
      break;
    case 'leave':
      add('Leave type', optionLabel('leaveType', d.leaveType));
      add('Approval', optionLabel('approvalStatus', d.approvalStatus ?? 'pending'));
      add('Reason given', clip(text(d.decisionReason)));
      break;
    case 'holiday':
      add('Type', optionLabel('holidayType', d.holidayType));
      break;
  }
  return rows;
}
