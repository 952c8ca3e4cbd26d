import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { AppRoutes } from './app/app-routes.js';
import { SessionProvider } from './features/auth/session-context.js';
import { startTelemetry } from './telemetry.js';
import './styles.css';

// Before createRoot: React attaches its listeners there, and the click instrumentation must
// already be wrapping addEventListener.
startTelemetry();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
