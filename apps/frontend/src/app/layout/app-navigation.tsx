import { useState } from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import { useSession } from '../../features/auth/session-context.js';

/** The left rail on desktop, a bar across the top on narrow screens. */
export function AppNavigation() {
  const session = useSession();
  const navigate = useNavigate();
  const signedIn = session.user?.signed_in === true;
  const isDefault = session.user !== undefined && !signedIn;
  const [signOutError, setSignOutError] = useState<Error | undefined>();
  return (
    <nav className="app-nav" aria-label="Main">
      <NavLink to="/" className="logo" aria-label="Cruddur home">
        <span className="logo-mark" aria-hidden="true" />
        <span className="logo-text">Cruddur</span>
      </NavLink>
      <NavLink to="/" end>
        Home
      </NavLink>
      <NavLink to="/notifications">Notifications</NavLink>
      <NavLink to="/messages">Messages</NavLink>
      <NavLink to={`/@${session.handle}`}>Profile</NavLink>
      <NavLink to="/search">Search</NavLink>
      <div className="nav-user">
        <span className="nav-handle" data-testid="current-user">
          @{session.handle}
          {isDefault ? ' (default)' : ''}
        </span>
        {signedIn ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              session.signOut().then(
                () => void navigate('/signin'),
                (error: unknown) =>
                  setSignOutError(error instanceof Error ? error : new Error(String(error))),
              );
            }}
          >
            Sign out
          </button>
        ) : (
          <NavLink to="/signin" className="button-link">
            Sign in
          </NavLink>
        )}
        {signOutError ? (
          <span className="nav-error" role="alert">
            Sign-out failed: {signOutError.message}
          </span>
        ) : null}
      </div>
    </nav>
  );
}
