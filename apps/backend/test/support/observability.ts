import { loadConfig } from '@cruddur/observability/config';
import { type RunningServer, startServer } from '@cruddur/observability/server';
import { type SpanView, TraceTree } from './trace-tree.js';

export type { RunningServer as ObservabilityServer } from '@cruddur/observability/server';

/**
 * The real observability server in this process, on a free loopback port with a throwaway
 * in-memory store. `loadConfig` supplies every default, so this keeps working as options grow.
 */
export function startObservability(): Promise<RunningServer> {
  return startServer(
    loadConfig(['--host', '127.0.0.1', '--http-port', '0', '--data', ':memory:'], {}),
  );
}

/**
 * Polls `GET /api/traces/:traceId` until `isComplete` accepts what is stored, or throws after
 * `timeoutMs` with what was there (or the last HTTP status) so a failure says what was missing.
 */
export async function waitForTrace(
  baseUrl: string,
  traceId: string,
  isComplete: (trace: TraceTree) => boolean,
  timeoutMs: number,
): Promise<TraceTree> {
  const deadline = Date.now() + timeoutMs;
  let last: TraceTree | undefined;
  let lastStatus = 0;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/traces/${traceId}`);
    lastStatus = response.status;
    if (response.status === 200) {
      const body = (await response.json()) as { traceId: string; spans: SpanView[] };
      last = new TraceTree(body.traceId, body.spans);
      if (isComplete(last)) return last;
    } else {
      await response.body?.cancel();
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    last === undefined
      ? `trace ${traceId} not in the observability server after ${timeoutMs} ms (last status ${lastStatus})`
      : `trace ${traceId} incomplete after ${timeoutMs} ms:\n${last.describe()}`,
  );
}

export interface HoneycombResultRow {
  data: Record<string, unknown>;
}

/** Create a query, run it, fetch its result: what a script does with Honeycomb's Query Data API. */
export async function runHoneycombQuery(
  baseUrl: string,
  dataset: string,
  spec: unknown,
): Promise<HoneycombResultRow[]> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { id?: string; error?: string };
    if (!response.ok || json.id === undefined) {
      throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    }
    return json.id;
  };
  const queryId = await post(`/1/queries/${dataset}`, spec);
  const resultId = await post(`/1/query_results/${dataset}`, { query_id: queryId });
  const response = await fetch(`${baseUrl}/1/query_results/${dataset}/${resultId}`);
  const result = (await response.json()) as {
    complete: boolean;
    data: { results: HoneycombResultRow[] };
  };
  if (!response.ok || !result.complete) {
    throw new Error(`query result ${resultId}: ${response.status} ${JSON.stringify(result)}`);
  }
  return result.data.results;
}
