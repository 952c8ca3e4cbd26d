import { expect } from 'vitest';

/** Runs a Honeycomb query through the Query Data API, the way a script would: create, run, fetch. */
export async function runHoneycombQuery(
  baseUrl: string,
  dataset: string,
  spec: unknown,
  headers: Record<string, string> = {},
): Promise<{
  results: { data: Record<string, unknown> }[];
  series: { time: string; data: Record<string, unknown> }[];
}> {
  const json = { 'content-type': 'application/json', ...headers };
  const created = await fetch(`${baseUrl}/1/queries/${dataset}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(spec),
  });
  const query = (await created.json()) as { id: string; error?: string };
  expect(created.status, JSON.stringify(query)).toBe(200);
  const started = await fetch(`${baseUrl}/1/query_results/${dataset}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ query_id: query.id }),
  });
  const run = (await started.json()) as { id: string };
  expect([200, 201]).toContain(started.status);
  const fetched = await fetch(`${baseUrl}/1/query_results/${dataset}/${run.id}`, { headers });
  const result = (await fetched.json()) as {
    complete: boolean;
    data: {
      results: { data: Record<string, unknown> }[];
      series: { time: string; data: Record<string, unknown> }[];
    };
  };
  expect(result.complete).toBe(true);
  return result.data;
}
