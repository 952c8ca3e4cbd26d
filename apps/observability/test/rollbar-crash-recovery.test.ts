import { afterEach, describe, expect, it } from 'vitest';
import { rollbarRead } from './support/rollbar-client.js';
import { stopAllServers, tempDataFile } from './support/running-server.js';
import { killHard, type ServerProcess, spawnServer } from './support/server-process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await killHard(server);
  await stopAllServers();
});

function payload(i: number): string {
  return JSON.stringify({
    data: {
      environment: 'production',
      uuid: `9b2f3c1e-0000-4000-8000-${String(i).padStart(12, '0')}`,
      body: {
        message: { body: `job ${i % 3 === 0 ? 'stalled' : 'failed'} after ${1000 + i} retries` },
      },
    },
  });
}

describe('Rollbar crash recovery', () => {
  it('shows every acknowledged occurrence, counted on its item, after kill -9', async () => {
    const data = tempDataFile();
    const first = await spawnServer(['--data', data]);
    running.push(first);
    const post = (i: number) =>
      fetch(`${first.url}/api/1/item/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload(i),
      }).then((res) => res.status);
    const serial = [];
    for (let i = 0; i < 10; i++) serial.push(await post(i));
    const concurrent = await Promise.all(Array.from({ length: 50 }, (_, i) => post(10 + i)));
    expect([...serial, ...concurrent].every((status) => status === 200)).toBe(true);
    await killHard(first);

    const second = await spawnServer(['--data', data]);
    running.push(second);
    const { items } = await rollbarRead<{ items: { title: string; total_occurrences: number }[] }>(
      second.url,
      'items/',
    );
    const counts = Object.fromEntries(
      items.map((item) => [item.title.split(' after')[0], item.total_occurrences]),
    );
    expect(counts).toEqual({ 'job stalled': 20, 'job failed': 40 });
    // Ids continue after the restart instead of reusing the acknowledged ones.
    const res = await fetch(`${second.url}/api/1/item/`, { method: 'POST', body: payload(60) });
    expect(res.status).toBe(200);
    const { instances } = await rollbarRead<{ instances: { id: number }[] }>(
      second.url,
      'item/1/instances',
    );
    expect(instances[0]?.id).toBe(61);
  });
});
