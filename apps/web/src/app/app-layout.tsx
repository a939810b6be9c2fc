import { useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { roleLabels } from '../features/admin/format';
import { SessionProvider, useSession } from '../features/auth/session';
import { inboxLinkLabel, UnreadBadge, useInboxIndicator } from '../features/notifications/live-inbox';
import { errorMessage } from './api';
import { Logo } from './logo';

interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
  /** Only for those who decide leave (coordinators, administrators). */
  approverOnly?: boolean;
}

const navItems: readonly NavItem[] = [
  { to: '/calendar', label: 'Calendar' },
  { to: '/resources', label: 'Resources' },
  { to: '/bookings', label: 'Bookings' },
  { to: '/leave/approvals', label: 'Leave approvals', approverOnly: true },
  { to: '/attendance', label: 'Attendance' },
  { to: '/notifications', label: 'Notifications' },
  { to: '/admin/users', label: 'Admin', adminOnly: true },
];

function AccountControls() {
  const { user, signOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSignOut = async () => {
    setBusy(true);
    setError(null);
    try {
      await signOut();
    } catch (e) {
      setError(`Could not sign out. ${errorMessage(e)}`);
      setBusy(false);
    }
  };

  return (
    <div className="account">
      <p className="account-who">
        <span className="account-name">{user.name}</span>
        <span className="account-role">{roleLabels[user.role]}</span>
      </p>
      <NavLink to="/account" className="account-link">
        Account
      </NavLink>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={onSignOut}
        disabled={busy}
      >
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
      {error ? (
        <p className="account-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function AppHeader({ unread }: { unread: number }) {
  const { isAdmin, user } = useSession();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();

  // A chosen destination closes the phone menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => setOpen(false), [pathname]);

  // Escape closes the open phone menu and returns focus to its button.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);

  return (
    <header className="app-header">
      <div className="app-header-bar">
        <Link to="/calendar" className="brand">
          <Logo />
          <span>Kalendaryo</span>
        </Link>
        <button
          ref={toggleRef}
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls={menuId}
          aria-label={unread > 0 ? `Menu, ${unread} unread notifications` : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="menu-toggle-icon" aria-hidden="true" />
          Menu
          <UnreadBadge count={unread} />
        </button>
      </div>
      <div id={menuId} className="app-menu" data-open={open || undefined}>
        <nav aria-label="Main">
          <ul className="nav-list">
            {navItems
              .filter((item) => !item.adminOnly || isAdmin)
              .filter((item) => !item.approverOnly || isAdmin || user.role === 'coordinator')
              .map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    className="nav-link"
                    aria-label={item.to === '/notifications' ? inboxLinkLabel(unread) : undefined}
                  >
                    {item.label}
                    {item.to === '/notifications' ? <UnreadBadge count={unread} /> : null}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <AccountControls />
      </div>
    </header>
  );
}

/** The frame of every page behind sign-in: header, navigation, main content. */
export function AppLayout() {
  return (
    <SessionProvider>
      <AppShell />
    </SessionProvider>
  );
}

function AppShell() {
  const inbox = useInboxIndicator();
  return (
    <>
      <div className="app-shell">
        <AppHeader unread={inbox.unread} />
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
        <footer className="app-footer">
          <p>Kalendaryo · Office for Other Bangsamoro Communities</p>
        </footer>
      </div>
      {inbox.toast}
    </>
  );
}
