import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { DEFAULT_USER_HANDLE } from '../../config/env.js';
import { currentUserHandle, setCurrentUserHandle } from '../../lib/current-user.js';
import { currentSession, type SessionUser, signOut } from './api/sessions-api.js';

export interface Session {
  /** Undefined until `GET /api/sessions/me` answers (or when it failed). */
  user: SessionUser | undefined;
  error: Error | undefined;
  /**
   * The handle the app acts as: the last one known (remembered across reloads) until the API
   * answers, so pages keyed by it do not load twice when the answer agrees.
   */
  handle: string;
  setUser(user: SessionUser | undefined): void;
  /** Ends the session, then asks the API who answers now (its default user, if it has one). */
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** Asks the API who we are once, and keeps telemetry's `app.userId` in step with the answer. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<SessionUser | undefined>();
  const [handle, setHandle] = useState(currentUserHandle);
  const [error, setError] = useState<Error | undefined>();

  const setUser = useCallback((next: SessionUser | undefined) => {
    const nextHandle = next?.handle ?? DEFAULT_USER_HANDLE;
    setCurrentUserHandle(nextHandle);
    setHandle(nextHandle);
    setUserState(next);
  }, []);

  const refresh = useCallback(
    (signal?: AbortSignal) =>
      currentSession(signal).then(
        (answer) => {
          setError(undefined);
          setUser(answer);
        },
        (failure: unknown) => {
          if (signal?.aborted) return;
          setUser(undefined);
          setError(failure instanceof Error ? failure : new Error(String(failure)));
        },
      ),
    [setUser],
  );

  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    return () => controller.abort();
  }, [refresh]);

  const endSession = useCallback(() => signOut().then(() => refresh()), [refresh]);

  return (
    <SessionContext.Provider value={{ user, error, handle, setUser, signOut: endSession }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession needs a SessionProvider above it');
  return session;
}
