export {
  type BrowserTelemetry,
  type BrowserTelemetryOptions,
  startBrowserTelemetry,
} from './start-browser-telemetry.js';
export { USER_ID_ATTRIBUTE } from './user-id-span-processor.js';
