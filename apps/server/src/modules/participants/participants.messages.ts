import type { RsvpStatus } from '@kalendaryo/contract';
import { type ItemState, itemPath, type MessageText, quoted, wallLabel, whenOf } from '../items';

const ANSWERS: Record<RsvpStatus, string> = {
  going: 'is going to',
  maybe: 'might go to',
  declined: 'declined',
};

/**
 * `rsvp.updated`: a participant answered (or changed their answer to) an invitation, for the
 * organiser. `item.occurrence` names the one occurrence answered for; null answers for all.
 */
export function rsvpUpdatedMessage(item: ItemState, who: string, status: RsvpStatus): MessageText {
  const on = item.occurrence ? ` on ${wallLabel(item.start.slice(0, 10), true)}` : '';
  return {
    title: `${who} ${ANSWERS[status]} ${quoted(item.title)}${on}`,
    body: `${who} ${ANSWERS[status]} ${quoted(item.title)} (${whenOf(item)})${item.occurrence ? '' : item.rrule ? ', every occurrence' : ''}.`,
    path: itemPath(item),
    data: { itemTitle: item.title, when: whenOf(item), participantName: who, response: status },
  };
}
