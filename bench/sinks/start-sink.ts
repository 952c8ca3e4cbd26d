import { Child, tsxArgs } from '../support/child-process.js';
import { benchScript } from '../support/paths.js';

export type SinkMode = 'read' | 'decode';

/** Starts a ceiling sink pinned to `cpus`; stop it with `child.stop()`. */
export async function startSink(
  mode: SinkMode,
  cpus: string | undefined,
): Promise<{ url: string; child: Child }> {
  const child = new Child({
    name: `${mode} sink`,
    cpus,
    command: process.execPath,
    args: tsxArgs(benchScript('sinks/sink-server.ts'), ['--mode', mode]),
    stopTimeoutMs: 5_000,
  });
  const match = await child.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { url: match[1]!, child };
}
