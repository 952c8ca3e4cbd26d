import { postJson, requestJson } from '../../shared/api-client.js';
import {
  columnsSchema,
  datasetsSchema,
  type QueryResult,
  queryResultSchema,
  savedQuerySchema,
} from '../../shared/api-schemas.js';
import type { QuerySpecJson } from './query-state.js';

const POLL_MS = 200;
const MAX_POLLS = 150;

/** Honeycomb's Query Data API flow: save the spec, create a result, poll until complete. */
export async function runQuery(
  dataset: string,
  spec: QuerySpecJson,
  signal?: AbortSignal,
  options: { disableSeries?: boolean } = {},
): Promise<QueryResult> {
  const path = encodeURIComponent(dataset);
  const saved = await postJson(`/1/queries/${path}`, spec, savedQuerySchema);
  let result = await postJson(
    `/1/query_results/${path}`,
    { query_id: saved.id, disable_series: options.disableSeries ?? false },
    queryResultSchema,
  );
  for (let i = 0; !result.complete && i < MAX_POLLS; i++) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (signal?.aborted) break;
    result = await requestJson(`/1/query_results/${path}/${result.id}`, queryResultSchema);
  }
  return result;
}

export function listDatasets() {
  return requestJson('/1/datasets', datasetsSchema);
}

export function listColumns(dataset: string) {
  return requestJson(`/1/columns/${encodeURIComponent(dataset)}`, columnsSchema);
}
