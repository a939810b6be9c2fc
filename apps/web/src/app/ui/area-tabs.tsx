import { NavLink } from 'react-router';

export interface AreaTab {
  to: string;
  label: string;
}

/** The views of one area (a list, a timeline, a queue), as links: each view has its own URL. */
export function AreaTabs({ label, tabs }: { label: string; tabs: readonly AreaTab[] }) {
  return (
    <nav aria-label={label} className="area-tabs">
      <ul>
        {tabs.map((t) => (
          <li key={t.to}>
            <NavLink to={t.to} end className="area-tab">
              {t.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
