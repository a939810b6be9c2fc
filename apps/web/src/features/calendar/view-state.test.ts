import { describe, expect, it } from 'vitest';
import { feedQuery, paramsFromState, stateFromParams, stepDate, viewTitle, visibleRange } from './view-state';

const TODAY = '2026-11-26';
const CAL = '910883c5-7bf8-45e5-9260-026b2d5c4a03';

describe('calendar state in the URL', () => {
  it('defaults to today in the month view, and to the agenda on a phone', () => {
    expect(stateFromParams(new URLSearchParams(), TODAY, false)).toMatchObject({
      view: 'month',
      date: TODAY,
      kinds: [],
      holidays: true,
    });
    expect(stateFromParams(new URLSearchParams(), TODAY, true).view).toBe('agenda');
    expect(stateFromParams(new URLSearchParams('view=week'), TODAY, true).view).toBe('week');
  });

  it('reads filters and drops what it does not know', () => {
    const s = stateFromParams(
      new URLSearchParams(
        `view=day&date=2026-02-30&kinds=event,bogus,leave&calendars=${CAL},nope&status=cancelled&community=x&q=mana&holidays=false`,
      ),
      TODAY,
      false,
    );
    expect(s).toEqual({
      view: 'day',
      date: TODAY,
      kinds: ['event', 'leave'],
      calendars: [CAL],
      statuses: ['cancelled'],
      community: '',
      q: 'mana',
      holidays: false,
    });
  });

  it('round-trips, leaving defaults out', () => {
    const s = stateFromParams(new URLSearchParams(`view=week&date=2026-03-09&kinds=task`), TODAY, false);
    expect(paramsFromState(s, TODAY).toString()).toBe('view=week&date=2026-03-09&kinds=task');
    expect(paramsFromState({ ...s, date: TODAY, kinds: [] }, TODAY).toString()).toBe('view=week');
  });
});

describe('visible ranges', () => {
  it('covers whole weeks around a month', () => {
    expect(visibleRange('month', '2026-11-26')).toEqual({ start: '2026-10-26', end: '2026-12-07' });
    expect(visibleRange('month', '2026-02-10')).toEqual({ start: '2026-01-26', end: '2026-03-02' });
  });
  it('covers Monday to Sunday, one day, or the month for the agenda', () => {
    expect(visibleRange('week', '2026-11-26')).toEqual({ start: '2026-11-23', end: '2026-11-30' });
    expect(visibleRange('day', '2026-11-26')).toEqual({ start: '2026-11-26', end: '2026-11-27' });
    expect(visibleRange('agenda', '2026-11-26')).toEqual({ start: '2026-11-01', end: '2026-12-01' });
  });
  it('steps by the unit of the view', () => {
    expect(stepDate('month', '2026-01-31', 1)).toBe('2026-02-01');
    expect(stepDate('week', '2026-11-26', -1)).toBe('2026-11-19');
    expect(stepDate('day', '2026-12-31', 1)).toBe('2027-01-01');
  });
  it('titles each view', () => {
    expect(viewTitle('month', '2026-11-26')).toBe('November 2026');
    expect(viewTitle('week', '2026-11-26')).toMatch(/23.*29.*2026/);
    expect(viewTitle('day', '2026-11-26')).toMatch(/Thursday.*26.*2026/);
  });
});

describe('feed query', () => {
  it('asks for the range in instants of the person’s zone with the filters', () => {
    const s = stateFromParams(new URLSearchParams('kinds=event,task&q= mana &holidays=false'), TODAY, false);
    expect(feedQuery({ start: '2026-11-23', end: '2026-11-30' }, s, 'Asia/Manila')).toEqual({
      start: '2026-11-22T16:00:00.000Z',
      end: '2026-11-29T16:00:00.000Z',
      kinds: 'event,task',
      calendars: undefined,
      status: undefined,
      community: undefined,
      q: 'mana',
      holidays: 'false',
      tz: 'Asia/Manila',
    });
  });
});
