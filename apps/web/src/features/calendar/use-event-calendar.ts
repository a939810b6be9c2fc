import { createCalendar, destroyCalendar, type Calendar as EC } from '@event-calendar/core';
import { type RefObject, useEffect, useRef } from 'react';
import { dropTableRoles } from './ec-dom';

/**
 * Mounts an @event-calendar/core grid in the returned host element once, with `live` and the
 * options from `fixed` (read only then). Every later change of a `live` option (compared with
 * `Object.is`) is applied with `setOption`; table roles are dropped whenever the grid redraws.
 */
export function useEventCalendar(
  plugins: EC.Plugin[],
  live: EC.Options,
  fixed: (calRef: RefObject<EC | null>) => EC.Options,
): RefObject<HTMLElement | null> {
  const hostRef = useRef<HTMLElement>(null);
  const calRef = useRef<EC | null>(null);
  const appliedRef = useRef<EC.Options>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; later options are applied below
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const cal = createCalendar(host, plugins, { ...live, ...fixed(calRef) });
    calRef.current = cal;
    dropTableRoles(host);
    const observer = new MutationObserver(() => dropTableRoles(host));
    observer.observe(host, { subtree: true, childList: true, attributes: true, attributeFilter: ['role'] });
    return () => {
      observer.disconnect();
      calRef.current = null;
      appliedRef.current = {};
      void destroyCalendar(cal);
    };
  }, []);

  useEffect(() => {
    const cal = calRef.current;
    const applied = appliedRef.current as Record<string, unknown>;
    for (const [name, value] of Object.entries(live)) {
      if (name in applied && Object.is(applied[name], value)) continue;
      applied[name] = value;
      cal?.setOption(name as keyof EC.Options, value as never);
    }
  });

  return hostRef;
}
