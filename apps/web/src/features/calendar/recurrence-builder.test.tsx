import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createdBody, openNewItemForm } from './new-item-form.testing';

// The form opens on Monday 4 March 2030, 09:00–10:00 in Manila (see openNewItemForm).
const form = () => screen.findByRole('form', { name: 'New item' });

/** The dates of the preview, as the person reads them (Intl's narrow spaces as plain spaces). */
const previewed = (f: HTMLElement) =>
  within(within(f).getByRole('region', { name: 'Next occurrences' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent?.replace(/\s/g, ' '));

/** Creates the item and returns the RRULE the request carried. */
async function createdRule(f: HTMLElement, api: ReturnType<typeof openNewItemForm>['api']) {
  await userEvent.click(within(f).getByRole('button', { name: 'Create' }));
  await screen.findByRole('heading', { name: 'Calendar' });
  return createdBody(api).rrule;
}

describe('the recurrence builder', () => {
  it('repeats weekly on the weekdays chosen, refuses a week with none, and lists the next dates as they are chosen', async () => {
    const { api } = openNewItemForm();
    const f = await form();
    await userEvent.type(within(f).getByLabelText('Title'), 'Weekly coordination huddle');
    await userEvent.selectOptions(within(f).getByLabelText('Repeats'), 'Weekly');
    const days = within(f).getByRole('group', { name: 'On these days' });
    // The start's weekday comes ticked.
    expect((within(days).getByRole('checkbox', { name: 'Monday' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(within(days).getByRole('checkbox', { name: 'Monday' }));
    expect(within(f).getByText('Pick at least one weekday')).toBeTruthy();
    expect(within(f).queryByRole('region', { name: 'Next occurrences' })).toBeNull();
    await userEvent.click(within(f).getByRole('button', { name: 'Create' }));
    expect(api.writes()).toEqual([]);

    await userEvent.click(within(days).getByRole('checkbox', { name: 'Monday' }));
    await userEvent.click(within(days).getByRole('checkbox', { name: 'Wednesday' }));
    await userEvent.click(within(f).getByRole('radio', { name: 'After' }));
    const count = within(f).getByLabelText('Number of occurrences');
    await userEvent.clear(count);
    await userEvent.type(count, '6');
    expect(within(f).getByText('Every week on Monday, Wednesday, 6 times')).toBeTruthy();
    expect(previewed(f)).toEqual([
      'Mon, Mar 4, 2030, 9:00 AM',
      'Wed, Mar 6, 2030, 9:00 AM',
      'Mon, Mar 11, 2030, 9:00 AM',
      'Wed, Mar 13, 2030, 9:00 AM',
      'Mon, Mar 18, 2030, 9:00 AM',
      'Wed, Mar 20, 2030, 9:00 AM',
    ]);
    // The preview was worked out here: all the while, the page asked the API only for its data
    // (and, for the people warning, who is busy), never for the rule's dates. The navigation asks
    // for the unread count, the reminders field for the person's defaults.
    expect(
      [...new Set(api.sent.map((r) => `${r.method} ${r.path}`))].filter((k) => k !== 'GET /freebusy').sort(),
    ).toEqual([
      'GET /auth/me',
      'GET /calendars',
      'GET /communities',
      'GET /notifications/unread-count',
      'GET /preferences',
    ]);
    expect(await createdRule(f, api)).toBe('FREQ=WEEKLY;COUNT=6;BYDAY=MO,WE');
  });

  it('repeats monthly on the second Tuesday', async () => {
    const { api } = openNewItemForm();
    const f = await form();
    await userEvent.type(within(f).getByLabelText('Title'), 'Partners’ meeting');
    await userEvent.selectOptions(within(f).getByLabelText('Repeats'), 'Monthly');
    await userEvent.click(within(f).getByRole('radio', { name: 'The' }));
    await userEvent.selectOptions(within(f).getByLabelText('Which week'), 'Second');
    await userEvent.selectOptions(within(f).getByLabelText('Weekday'), 'Tuesday');
    expect(within(f).getByText('Every month on the second Tuesday')).toBeTruthy();
    // DTSTART is always the first occurrence (RFC 5545 §3.8.5.3); then the second Tuesdays.
    expect(previewed(f).slice(0, 4)).toEqual([
      'Mon, Mar 4, 2030, 9:00 AM',
      'Tue, Mar 12, 2030, 9:00 AM',
      'Tue, Apr 9, 2030, 9:00 AM',
      'Tue, May 14, 2030, 9:00 AM',
    ]);
    expect(previewed(f)).toHaveLength(10);
    expect(await createdRule(f, api)).toBe('FREQ=MONTHLY;BYDAY=2TU');
  });

  it('ends after a number of times or on a last day, and says what is wrong with either', async () => {
    const { api } = openNewItemForm();
    const f = await form();
    await userEvent.type(within(f).getByLabelText('Title'), 'Field visit');
    await userEvent.selectOptions(within(f).getByLabelText('Repeats'), 'Daily');
    const every = within(f).getByLabelText('Every');
    await userEvent.clear(every);
    await userEvent.type(every, '0');
    expect(within(f).getByText('Repeat every 1 or more (a whole number)')).toBeTruthy();
    await userEvent.clear(every);
    await userEvent.type(every, '1');

    await userEvent.click(within(f).getByRole('radio', { name: 'After' }));
    const count = within(f).getByLabelText('Number of occurrences');
    await userEvent.clear(count);
    await userEvent.type(count, '1001');
    expect(within(f).getByText('Use at most 1000 times, or end on a date')).toBeTruthy();
    await userEvent.clear(count);
    await userEvent.type(count, '3');
    expect(previewed(f)).toHaveLength(3);

    // "On": one choice, so the count no longer applies.
    await userEvent.click(within(f).getByRole('radio', { name: 'On' }));
    expect((count as HTMLInputElement).disabled).toBe(true);
    expect(within(f).getByText('Pick the date of the last occurrence')).toBeTruthy();
    const last = within(f).getByLabelText('Last date');
    fireEvent.change(last, { target: { value: '2030-03-01' } });
    expect(within(f).getByText('The end date is before the first occurrence')).toBeTruthy();
    fireEvent.change(last, { target: { value: '2030-03-07' } });
    expect(previewed(f)).toEqual([
      'Mon, Mar 4, 2030, 9:00 AM',
      'Tue, Mar 5, 2030, 9:00 AM',
      'Wed, Mar 6, 2030, 9:00 AM',
      'Thu, Mar 7, 2030, 9:00 AM',
    ]);
    // The end of 7 March in Manila, in UTC as RFC 5545 wants for a zoned start.
    expect(await createdRule(f, api)).toBe('FREQ=DAILY;UNTIL=20300307T155959Z');
  });

  it('asks for the start instead of listing dates without one', async () => {
    openNewItemForm();
    const f = await form();
    await userEvent.selectOptions(within(f).getByLabelText('Repeats'), 'Daily');
    expect(previewed(f)).toHaveLength(10);
    fireEvent.change(within(f).getByLabelText('Starts'), { target: { value: '' } });
    const preview = within(f).getByRole('region', { name: 'Next occurrences' });
    expect(within(preview).getByRole('alert').textContent).toBe(
      'Enter when it starts to see the next occurrences.',
    );
    expect(within(preview).queryByRole('listitem')).toBeNull();
  });
});
