import { Outlet } from 'react-router';
import { Logo } from '../../app/logo';

/** The frame of the pages used before signing in. */
export function AuthLayout() {
  return (
    <div className="auth-shell">
      <header className="auth-header">
        <Logo size={40} />
        <div>
          <p className="auth-product">Kalendaryo</p>
          <p className="auth-tagline">Integrated calendar of the Office for Other Bangsamoro Communities</p>
        </div>
      </header>
      <main id="main" className="auth-main" tabIndex={-1}>
        <div className="card auth-card">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
