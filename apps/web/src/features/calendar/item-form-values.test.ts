import type { Item } from '@kalendaryo/contract';
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  createBody,
  itemValues,
  newItemValues,
  patchBody,
  thisScopeProblem,
  validateItemValues,
  withKind,
} from './item-form-values';

const CAL = 'd23fefee-9bc7-4c83-84f9-3dc24bfb4979';
const item: Item = {
  id: '3d1c660e-2656-4619-8218-a53b44e28577',
  version: 3,
  kind: 'event',
  calendarId: CAL,
  title: 'Weekly staff meeting',
  description: null,
  location: 'Conference Room A',
  allDay: false,
  start: '2026-10-26T01:00:00.000Z',
  end: '2026-10-26T02:00:00.000Z',
  dtstart: '2026-10-26T09:00:00',
  dtend: '2026-10-26T10:00:00',
  timeZone: 'Asia/Manila',
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
  exdates: [],
  rdates: [],
  status: 'confirmed',
  visibility: 'default',
  organizerId: null,
  communityId: null,
  color: null,
  uid: 'x@kalendaryo',
  sequence: 0,
  splitFromId: null,
  details: { eventType: 'meeting', agenda: 'Updates' },
  exceptions: [
    {
      recurrenceId: '2026-11-09T09:00:00',
      cancelled: false,
      start: '2026-11-10T01:00:00.000Z',
      end: '2026-11-10T02:00:00.000Z',
      title: 'Moved meeting',
      description: null,
      location: null,
      status: null,
    },
  ],
  canEdit: true,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
};

describe('new item values', () => {
  it('gives a clicked time one hour and an all-day selection its last day', () => {
    expect(
      newItemValues(
        { start: '2026-11-26T14:00:00', end: '2026-11-26T14:00:00', allDay: false },
        'Asia/Manila',
        CAL,
      ),
    ).toMatchObject({
      start: '2026-11-26T14:00',
      end: '2026-11-26T15:00',
    });
    expect(
      newItemValues({ start: '2026-11-26', end: '2026-11-28', allDay: true }, 'Asia/Manila', CAL),
    ).toMatchObject({
      start: '2026-11-26',
      end: '2026-11-27',
    });
  });

  it('makes leave whole days with a backup field, from a clicked hour or a change of kind', () => {
    const slot = { start: '2026-11-26T14:00:00', end: '2026-11-26T14:00:00', allDay: false };
    expect(newItemValues(slot, 'Asia/Manila', CAL, 'leave')).toMatchObject({
      allDay: true,
      start: '2026-11-26',
      end: '2026-11-26',
      details: { leaveType: '', backupUserId: '' },
    });
    const event = newItemValues(slot, 'Asia/Manila', CAL);
    expect(withKind(event, 'leave')).toMatchObject({ kind: 'leave', allDay: true, start: '2026-11-26' });
    expect(
      createBody({
        ...withKind(event, 'leave'),
        title: 'Leave',
        details: { leaveType: 'official', backupUserId: '' },
      }),
    ).toMatchObject({
      allDay: true,
      start: '2026-11-26',
      end: '2026-11-27',
      details: { leaveType: 'official', backupUserId: null },
    });
  });

  it('checks the form as people understand it', () => {
    const v = newItemValues(
      { start: '2026-11-26T14:00:00', end: '2026-11-26T13:00:00', allDay: false },
      'Asia/Manila',
      CAL,
      'community_event',
    );
    v.end = '2026-11-26T13:00';
    expect(validateItemValues(v)).toEqual({
      title: 'Enter a title',
      end: 'The end must be after the start',
      'details.eventCategory': 'Choose a category',
    });
  });

  it('builds the create body with local times, the zone, the rule and the details', () => {
    const v = newItemValues(
      { start: '2026-03-09T09:00:00', end: '2026-03-09T10:00:00', allDay: false },
      'Asia/Manila',
      CAL,
      'engagement',
    );
    v.title = ' Dialogue ';
    v.details.stakeholders = 'Barangay council\nUlama';
    v.rule = { ...v.rule, freq: 'WEEKLY', byDay: ['MO', 'WE'], ends: 'count', count: '6' };
    expect(createBody(v)).toMatchObject({
      kind: 'engagement',
      title: 'Dialogue',
      start: '2026-03-09T09:00:00',
      end: '2026-03-09T10:00:00',
      timeZone: 'Asia/Manila',
      rrule: 'FREQ=WEEKLY;COUNT=6;BYDAY=MO,WE',
      details: {
        engagementType: 'consultation',
        stakeholders: ['Barangay council', 'Ulama'],
        objectives: null,
      },
    });
  });
});

describe('editing', () => {
  it('shows a moved occurrence with its own times and title', () => {
    expect(itemValues(item, '2026-11-09T09:00:00')).toMatchObject({
      title: 'Moved meeting',
      start: '2026-11-10T09:00',
      end: '2026-11-10T10:00',
    });
    expect(itemValues(item, '2026-11-16T09:00:00')).toMatchObject({
      title: 'Weekly staff meeting',
      start: '2026-11-16T09:00',
    });
  });

  it('sends only what changed; "this" takes the times and text only', () => {
    const initial = itemValues(item, '2026-11-16T09:00:00');
    const v = { ...initial, start: '2026-11-17T09:00', end: '2026-11-17T10:00', location: 'Room B' };
    expect([...changedFields(initial, v)].sort()).toEqual(['end', 'location', 'start']);
    expect(thisScopeProblem(changedFields(initial, v))).toBeNull();
    expect(patchBody(initial, v, 'this')).toEqual({
      location: 'Room B',
      start: '2026-11-17T09:00:00',
      end: '2026-11-17T10:00:00',
    });
    // For the whole series the first occurrence moves by as much: Monday 26 October → Tuesday 27.
    expect(patchBody(initial, v, 'all', item)).toEqual({
      location: 'Room B',
      start: '2026-10-27T09:00:00',
      end: '2026-10-27T10:00:00',
      allDay: false,
      timeZone: 'Asia/Manila',
    });
    const ruled = { ...initial, rule: { ...initial.rule, byDay: ['MO' as const, 'TH' as const] } };
    expect(thisScopeProblem(changedFields(initial, ruled))).toMatch(/single event/);
    expect(patchBody(initial, ruled, 'future')).toEqual({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TH' });
  });
});
