/**
 * Everything a benchmark starts registers how to stop it here. `runCleanups` runs on normal
 * completion, on failure, on Ctrl-C / SIGTERM, and (synchronously, best effort) on exit, so no
 * server or sink outlives the run.
 */
type Cleanup = {
  readonly name: string;
  readonly stop: () => Promise<void>;
  readonly kill: () => void;
};

const pending = new Set<Cleanup>();
let installed = false;

export function registerCleanup(cleanup: Cleanup): () => void {
  installSignalHandlers();
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}

export async function runCleanups(): Promise<void> {
  const all = [...pending].reverse();
  pending.clear();
  for (const cleanup of all) {
    await cleanup.stop().catch((error: unknown) => {
      console.error(`cleanup of ${cleanup.name} failed:`, error);
      cleanup.kill();
    });
  }
}

function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: stopping everything the benchmark started`);
    runCleanups().then(
      () => process.exit(130),
      () => process.exit(130),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => {
    for (const cleanup of pending) cleanup.kill();
  });
}
