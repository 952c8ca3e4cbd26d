/** The store has more uncommitted work than it may hold: callers answer 503 with Retry-After. */
export class StoreOverloadedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the store is busy; retry later');
    this.name = 'StoreOverloadedError';
  }
}

/** The store is shutting down and takes no more work. */
export class StoreClosedError extends Error {
  constructor() {
    super('the store is closed');
    this.name = 'StoreClosedError';
  }
}
