/** The three calls of Honeycomb's Query Data API, as a client makes them. */
export interface QueryTiming {
  readonly totalMs: number;
  readonly createMs: number;
  readonly resultMs: number;
  readonly fetchMs: number;
  readonly data: { results: { data: Record<string, unknown> }[] };
}

async function call(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json' },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * POST /1/queries/:dataset, POST /1/query_results/:dataset, GET /1/query_results/:dataset/:id;
 * times each and the whole.
 */
export async function runHoneycombQuery(
  baseUrl: string,
  dataset: string,
  spec: Record<string, unknown>,
  options: { disableSeries?: boolean } = {},
): Promise<QueryTiming> {
  const root = `${baseUrl}/1`;
  const t0 = performance.now();
  const query = await call(`${root}/queries/${dataset}`, {
    method: 'POST',
    body: JSON.stringify(spec),
  });
  const t1 = performance.now();
  const result = await call(`${root}/query_results/${dataset}`, {
    method: 'POST',
    body: JSON.stringify({ query_id: query.id, disable_series: options.disableSeries ?? false }),
  });
  const t2 = performance.now();
  const fetched = await call(`${root}/query_results/${dataset}/${String(result.id)}`);
  const t3 = performance.now();
  if (fetched.complete !== true) throw new Error('query result not complete');
  return {
    totalMs: t3 - t0,
    createMs: t1 - t0,
    resultMs: t2 - t1,
    fetchMs: t3 - t2,
    data: fetched.data as QueryTiming['data'],
  };
}

/** COUNT of every row of a dataset within [startSec, endSec). */
export async function countEvents(
  baseUrl: string,
  dataset: string,
  startSec: number,
  endSec: number,
): Promise<number> {
  const { data } = await runHoneycombQuery(
    baseUrl,
    dataset,
    { calculations: [{ op: 'COUNT' }], start_time: startSec, end_time: endSec },
    { disableSeries: true },
  );
  return Number(data.results[0]?.data.COUNT ?? 0);
}
