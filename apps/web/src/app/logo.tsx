/** The Kalendaryo mark (the same drawing as public/icon.svg), decorative beside the name. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="logo">
      <rect x="4" y="8" width="56" height="52" rx="10" fill="#0f766e" />
      <path d="M4 18a10 10 0 0 1 10-10h36a10 10 0 0 1 10 10v6H4z" fill="#134e4a" />
      <rect x="16" y="3" width="6" height="12" rx="3" fill="#99f6e4" />
      <rect x="42" y="3" width="6" height="12" rx="3" fill="#99f6e4" />
      <rect x="13" y="31" width="10" height="9" rx="2" fill="#ecfdf5" />
      <rect x="27" y="31" width="10" height="9" rx="2" fill="#ecfdf5" />
      <rect x="41" y="31" width="10" height="9" rx="2" fill="#fbbf24" />
      <rect x="13" y="44" width="10" height="9" rx="2" fill="#ecfdf5" />
      <rect x="27" y="44" width="10" height="9" rx="2" fill="#ecfdf5" />
      <rect x="41" y="44" width="10" height="9" rx="2" fill="#ecfdf5" opacity=".55" />
    </svg>
  );
}
