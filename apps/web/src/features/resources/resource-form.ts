/**
 * The resource form's values ⇄ the API's bodies, the checks made before a round trip, and the
 * list filters kept in the URL. Pure, so they are tested without a browser.
 */
import type { CreateResourceBody, Resource } from '@kalendaryo/contract';
import {
  isOneOf,
  limits,
  type ResourceStatus,
  type ResourceType,
  resourceStatuses,
  resourceTypes,
} from '@kalendaryo/contract/values';
import { plural } from '../../app/messages';
import { formatMinutes } from '../../app/time';
import { compact, type FieldErrors } from '../../app/validation';
import type { ResourceFilters } from './resources-api';

export interface ResourceFormValues {
  name: string;
  type: ResourceType;
  status: ResourceStatus;
  location: string;
  /** Text as typed; '' = no capacity. */
  capacity: string;
  description: string;
  userId: string;
  maxDaysAhead: string;
  /** The longest booking in hours, as typed (the API counts minutes). */
  maxDurationHours: string;
  approverIds: string[];
  autoApprove: boolean;
}

export type ResourceField = keyof ResourceFormValues;

export function emptyResourceValues(type: ResourceType = 'vehicle'): ResourceFormValues {
  return {
    name: '',
    type,
    status: 'available',
    location: '',
    capacity: '',
    description: '',
    userId: '',
    maxDaysAhead: '',
    maxDurationHours: '',
    approverIds: [],
    autoApprove: false,
  };
}

const text = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** Hours with at most two decimals, without trailing zeros ("1.5", "8"). */
const hours = (minutes: number | null | undefined): string =>
  minutes === null || minutes === undefined ? '' : String(Math.round((minutes / 60) * 100) / 100);

export function valuesFromResource(r: Resource): ResourceFormValues {
  const { rules } = r;
  return {
    name: r.name,
    type: r.type,
    status: r.status,
    location: r.location ?? '',
    capacity: text(r.capacity),
    description: r.description ?? '',
    userId: r.userId ?? '',
    maxDaysAhead: text(rules.maxDaysAhead),
    maxDurationHours: hours(rules.maxDurationMinutes),
    approverIds: [...rules.approverIds],
    autoApprove: rules.autoApprove,
  };
}

const tooLong = (s: string, max: number) => (s.length > max ? `Use at most ${max} characters` : undefined);

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** What is wrong with the form, field by field; `{}` when it can be sent. */
export function validateResource(v: ResourceFormValues): FieldErrors<ResourceField> {
  const name = v.name.trim();
  const capacity = v.capacity.trim();
  const ahead = v.maxDaysAhead.trim();
  const duration = v.maxDurationHours.trim();
  return compact<ResourceField>({
    name: !name ? 'Enter a name' : tooLong(name, limits.name),
    type: isOneOf(resourceTypes, v.type) ? undefined : 'Choose a type',
    status: isOneOf(resourceStatuses, v.status) ? undefined : 'Choose a status',
    location: tooLong(v.location, limits.resourceLocation),
    capacity:
      capacity && (!WHOLE.test(capacity) || Number(capacity) > 100_000)
        ? 'Enter a whole number of people or seats, or leave it empty'
        : undefined,
    description: tooLong(v.description, limits.resourceDescription),
    userId: v.type === 'facilitator' && !v.userId ? 'Choose the person this facilitator is' : undefined,
    maxDaysAhead:
      ahead && (!WHOLE.test(ahead) || Number(ahead) > 3650)
        ? 'Enter a whole number of days from 0 (same day only) to 3650, or leave it empty for no limit'
        : undefined,
    maxDurationHours:
      duration && (!DECIMAL.test(duration) || Number(duration) <= 0 || Number(duration) * 60 < 15)
        ? 'Enter at least 0.25 hours, or leave it empty for no limit'
        : undefined,
    approverIds: undefined,
    autoApprove: undefined,
  });
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);
const numberOrNull = (s: string): number | null => (s.trim() ? Number(s.trim()) : null);

/** The body of `POST /resources` or `PATCH /resources/{id}` for valid values. */
export function bodyFromValues(v: ResourceFormValues): CreateResourceBody {
  const duration = numberOrNull(v.maxDurationHours);
  return {
    name: v.name.trim(),
    type: v.type,
    status: v.status,
    location: orNull(v.location),
    capacity: numberOrNull(v.capacity),
    description: orNull(v.description),
    userId: v.type === 'facilitator' ? orNull(v.userId) : null,
    rules: {
      maxDaysAhead: numberOrNull(v.maxDaysAhead),
      maxDurationMinutes: duration === null ? null : Math.round(duration * 60),
      approverIds: [...new Set(v.approverIds)],
      autoApprove: v.autoApprove,
    },
  };
}

/** Filters from the list page's query string; unknown values mean "no filter". */
export function filtersFromSearch(params: URLSearchParams): ResourceFilters {
  const type = params.get('type');
  const status = params.get('status');
  return {
    q: (params.get('q') ?? '').trim(),
    type: isOneOf(resourceTypes, type) ? type : '',
    status: isOneOf(resourceStatuses, status) ? status : '',
  };
}

export function searchFromFilters(f: ResourceFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set('q', f.q.trim());
  if (f.type) params.set('type', f.type);
  if (f.status) params.set('status', f.status);
  return params;
}

/** The rules of a resource in one line a requester understands. */
export function describeRules(r: Pick<Resource, 'rules'>): string {
  const parts: string[] = [];
  const { maxDaysAhead, maxDurationMinutes, autoApprove } = r.rules;
  if (maxDaysAhead === 0) parts.push('book on the day only');
  else if (maxDaysAhead) parts.push(`book up to ${plural(maxDaysAhead, 'day')} ahead`);
  if (maxDurationMinutes) parts.push(`at most ${formatMinutes(maxDurationMinutes)} per booking`);
  parts.push(autoApprove ? 'approved automatically' : 'needs approval');
  const text = parts.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
