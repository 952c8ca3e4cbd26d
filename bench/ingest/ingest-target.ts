import { rmSync } from 'node:fs';
import { startSink } from '../sinks/start-sink.js';
import type { Child } from '../support/child-process.js';
import { startObservability } from '../support/observability-server.js';
import { benchPath } from '../support/paths.js';

export type TargetKind = 'read-sink' | 'decode-sink' | 'server';

export const TARGET_LABEL: Record<TargetKind, string> = {
  'read-sink': 'HTTP ceiling (read body)',
  'decode-sink': 'decode ceiling (protobufjs)',
  server: 'observability server',
};

export interface StartedTarget {
  readonly url: string;
  readonly child: Child;
  /** Stops the process and removes what it wrote. */
  stop(): Promise<void>;
}

/** Starts one ingest target pinned to `cpus`: a sink, or the real server on a fresh file. */
export async function startTarget(
  kind: TargetKind,
  cpus: string,
  nodeArgs: readonly string[] = [],
): Promise<StartedTarget> {
  if (kind !== 'server') {
    const sink = await startSink(kind === 'read-sink' ? 'read' : 'decode', cpus);
    return { ...sink, stop: async () => void (await sink.child.stop()) };
  }
  const data = benchPath('ingest', `run-${process.pid}-${Date.now()}.duckdb`);
  const server = await startObservability({ data, cpus, nodeArgs });
  return {
    ...server,
    stop: async () => {
      await server.child.stop();
      rmSync(data, { force: true });
      rmSync(`${data}.wal`, { force: true });
    },
  };
}
