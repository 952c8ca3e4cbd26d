import { DEFAULT_USER_HANDLE } from '../config/env.js';

const STORAGE_KEY = 'cruddur.userHandle';

/**
 * Who is using the app, readable outside React: telemetry stamps it on every span and error.
 * Remembered across reloads so the page-load spans already carry the signed-in user, before
 * `GET /api/sessions/me` answers.
 */
let handle: string = readStored() ?? DEFAULT_USER_HANDLE;

export function currentUserHandle(): string {
  return handle;
}

export function setCurrentUserHandle(next: string): void {
  handle = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage can be unavailable (private mode, quotas); the in-memory value is enough.
  }
}

function readStored(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
