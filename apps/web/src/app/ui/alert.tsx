import type { ReactNode } from 'react';

export type Tone = 'error' | 'success';

/** A message to show in a FormMessage. */
export interface Notice {
  tone: Tone;
  text: string;
  /** What the person may do about it, shown as a button in the notice. */
  action?: { label: string; run: () => void } | undefined;
}

/** An error or success message for a form; role="alert" makes screen readers announce it. */
export function FormMessage({ tone, children }: { tone: Tone; children: ReactNode }) {
  if (!children) return null;
  return tone === 'error' ? (
    <div className="notice notice--error" role="alert">
      {children}
    </div>
  ) : (
    <div className="notice notice--success" role="status">
      {children}
    </div>
  );
}
