import { Route, Routes } from 'react-router-dom';
import { ErrorItemPage } from '../features/errors/error-item-page.js';
import { ErrorsPage } from '../features/errors/errors-page.js';
import { LogsPage } from '../features/logs/logs-page.js';
import { ServiceMapPage } from '../features/map/service-map-page.js';
import { OverviewPage } from '../features/overview/overview-page.js';
import { QueryPage } from '../features/query/query-page.js';
import { TracePage } from '../features/traces/trace-page.js';
import { TracesPage } from '../features/traces/traces-page.js';
import { AppLayout } from './app-layout.js';

/** One route per view, so links can be shared and tests can open a view directly. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<OverviewPage />} />
        <Route path="query" element={<QueryPage />} />
        <Route path="traces" element={<TracesPage />} />
        <Route path="traces/:traceId" element={<TracePage />} />
        <Route path="map" element={<ServiceMapPage />} />
        <Route path="errors" element={<ErrorsPage />} />
        <Route path="errors/:itemId" element={<ErrorItemPage />} />
        <Route path="logs" element={<LogsPage />} />
        <Route path="*" element={<p>No such page.</p>} />
      </Route>
    </Routes>
  );
}
