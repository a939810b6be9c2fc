import { useState } from 'react';

/** A read-only URL with a Copy button (clipboard where the browser allows it, selection otherwise). */
export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async (input: HTMLInputElement | null) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      input?.select();
    }
  };
  let input: HTMLInputElement | null = null;
  return (
    <div className="copy-field">
      <label>
        {label}
        <input
          readOnly
          value={value}
          ref={(el) => {
            input = el;
          }}
          onFocus={(e) => e.target.select()}
        />
      </label>
      <button type="button" className="button" onClick={() => copy(input)}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
