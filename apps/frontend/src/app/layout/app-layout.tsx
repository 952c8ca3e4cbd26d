import { Outlet } from 'react-router-dom';
import { useSession } from '../../features/auth/session-context.js';
import { AppNavigation } from './app-navigation.js';
import { AppSidebar } from './app-sidebar.js';

export function AppLayout() {
  const session = useSession();
  return (
    <div className="app-layout">
      <AppNavigation />
      <main className="app-main">
        {session.error ? (
          <p className="banner" role="alert">
            Could not check who you are ({session.error.message}); showing the default user.
          </p>
        ) : null}
        <Outlet />
      </main>
      <AppSidebar />
    </div>
  );
}
