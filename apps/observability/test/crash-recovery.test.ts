import { afterEach, describe, expect, it } from 'vitest';
import { jsonToProtobuf } from '../src/receivers/otlp/otlp-protobufjs.testing.js';
import { spanJson, traceRequestJson } from '../src/receivers/otlp/otlp-requests.testing.js';
import { runHoneycombQuery } from './support/honeycomb-client.js';
import { stopAllServers, tempDataFile } from './support/running-server.js';
import { killHard, type ServerProcess, spawnServer } from './support/server-process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await killHard(server);
  await stopAllServers();
});

/** Each batch brings attribute keys never seen before, so each commit also changes the schema. */
function batch(round: number, size: number): Uint8Array {
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans = Array.from({ length: size }, (_, i) =>
    spanJson({
      traceId: (0xabc00000000000000000000000000000n + BigInt(round)).toString(16),
      spanId: (0x1000000000000000n + BigInt(round * 1000 + i)).toString(16),
      startTimeUnixNano: String(now),
      endTimeUnixNano: String(now + 3_000_000n),
      attributes: [
        { key: `round.${round}.key`, value: { intValue: i } },
        { key: 'app.userId', value: { stringValue: `user-${i % 3}` } },
      ],
    }),
  );
  return jsonToProtobuf('traces', traceRequestJson(spans));
}

describe('crash recovery', () => {
  it('shows every acknowledged span after kill -9, schema changes included', async () => {
    const data = tempDataFile();
    const first = await spawnServer(['--data', data]);
    running.push(first);
    let acknowledged = 0;
    for (let round = 0; round < 8; round++) {
      const res = await fetch(`${first.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body: batch(round, 25),
      });
      expect(res.status).toBe(200);
      acknowledged += 25;
    }
    const spec = { time_range: 600, calculations: [{ op: 'COUNT' }] };
    const saved = (await (
      await fetch(`${first.url}/1/queries/svc`, { method: 'POST', body: JSON.stringify(spec) })
    ).json()) as { id: string };
    await killHard(first);

    const second = await spawnServer(['--data', data]);
    running.push(second);
    const result = await runHoneycombQuery(second.url, 'svc', {
      time_range: 600,
      calculations: [{ op: 'COUNT' }, { op: 'SUM', column: 'round.7.key' }],
    });
    expect(result.results[0]?.data).toEqual({
      COUNT: acknowledged,
      'SUM(round.7.key)': (24 * 25) / 2,
    });
    // The query saved before the crash is still there, under the same id when created again.
    const reread = await fetch(`${second.url}/1/queries/svc/${saved.id}`);
    expect(await reread.json()).toEqual({ ...spec, id: saved.id });
    const recreated = await fetch(`${second.url}/1/queries/svc`, {
      method: 'POST',
      body: JSON.stringify(spec),
    });
    expect(((await recreated.json()) as { id: string }).id).toBe(saved.id);
  });
});
