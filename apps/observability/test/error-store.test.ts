import { afterEach, describe, expect, it } from 'vitest';
import type { TraceId } from '../src/model/ids.js';
import { TelemetryStore } from '../src/store/telemetry-store.js';
import { makeOccurrence } from './support/error-builders.js';
import { stopAllServers, tempDataFile } from './support/running-server.js';

const open: TelemetryStore[] = [];
async function openStore(path = ':memory:'): Promise<TelemetryStore> {
  const store = await TelemetryStore.open({ path, memoryLimit: '256MB' });
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  await stopAllServers();
});

const T0 = Date.UTC(2026, 10, 21, 7, 0, 0);

describe('error store', () => {
  it('folds concurrent reports of one fingerprint into one item, counting every one', async () => {
    const { errors } = await openStore();
    const reports = Array.from({ length: 500 }, (_, i) =>
      errors.record(makeOccurrence({ timeMs: T0 + i }), T0 + i),
    );
    const stored = await Promise.all(reports);
    expect(stored.every((s) => !s.duplicate)).toBe(true);
    const { items, totalCount } = await errors.listItems();
    expect(totalCount).toBe(1);
    expect(items[0]).toMatchObject({
      totalOccurrences: 500,
      firstOccurrenceMs: T0,
      lastOccurrenceMs: T0 + 499,
      status: 'active',
    });
    const newest = await errors.occurrences(items[0]!.id, { pageSize: 3 });
    expect(newest.map((o) => o.timeMs)).toEqual([T0 + 499, T0 + 498, T0 + 497]);
    expect(newest[0]!.id).toBe(items[0]!.lastOccurrenceId);
  });

  it('keeps one item per environment and fingerprint, titled and levelled by its first report', async () => {
    const { errors } = await openStore();
    await errors.record(makeOccurrence({ title: 'first', level: 'warning' }), T0);
    await errors.record(makeOccurrence({ title: 'second', level: 'critical' }), T0);
    await errors.record(makeOccurrence({ environment: 'staging' }), T0);
    await errors.record(makeOccurrence({ fingerprint: 'other' }), T0);
    const { items } = await errors.listItems();
    expect(items).toHaveLength(3);
    const checkout = items.find((i) => i.environment === 'test' && i.fingerprint === 'fp-checkout');
    expect(checkout).toMatchObject({ title: 'first', level: 'warning', totalOccurrences: 2 });
  });

  it('ignores a re-delivered uuid, within one commit and across commits', async () => {
    const { errors } = await openStore();
    const occurrence = makeOccurrence();
    const [a, b] = await Promise.all([
      errors.record(occurrence, T0),
      errors.record(occurrence, T0),
    ]);
    const c = await errors.record(occurrence, T0);
    expect([a?.duplicate, b?.duplicate, c.duplicate]).toEqual([false, true, true]);
    const { items } = await errors.listItems();
    expect(items[0]?.totalOccurrences).toBe(1);
  });

  it('reactivates a resolved item on its next occurrence, and leaves a muted one muted', async () => {
    const { errors } = await openStore();
    await errors.record(makeOccurrence({ timeMs: T0 }), T0);
    await errors.record(makeOccurrence({ fingerprint: 'noisy', timeMs: T0 }), T0);
    const [noisy, checkout] = (await errors.listItems()).items;
    const resolved = await errors.updateItem(
      checkout!.id,
      { status: 'resolved', resolvedInVersion: 'abc' },
      T0 + 5,
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      lastResolvedMs: T0 + 5,
      resolvedInVersion: 'abc',
    });
    await errors.updateItem(noisy!.id, { status: 'muted' }, T0 + 5);

    await errors.record(makeOccurrence({ timeMs: T0 + 10 }), T0 + 10);
    await errors.record(makeOccurrence({ fingerprint: 'noisy', timeMs: T0 + 10 }), T0 + 10);
    const again = await errors.item(checkout!.id);
    expect(again).toMatchObject({
      status: 'active',
      totalOccurrences: 2,
      lastActivatedMs: T0 + 10,
    });
    expect(again?.activatingOccurrenceId).toBe(again?.lastOccurrenceId);
    expect(await errors.item(noisy!.id)).toMatchObject({ status: 'muted', totalOccurrences: 2 });
  });

  it('answers undefined for a change to an item that does not exist', async () => {
    const { errors } = await openStore();
    expect(await errors.updateItem(99, { status: 'resolved' }, T0)).toBeUndefined();
  });

  it('filters items and counts occurrences per bucket for sparklines', async () => {
    const { errors } = await openStore();
    const hour = 3_600_000;
    for (const [offset, fingerprint] of [
      [0, 'a'],
      [10, 'a'],
      [hour + 1, 'a'],
      [3 * hour, 'a'],
      [hour, 'b'],
    ] as const) {
      await errors.record(
        makeOccurrence({
          fingerprint,
          timeMs: T0 + offset,
          level: fingerprint === 'b' ? 'info' : 'error',
        }),
        T0,
      );
    }
    const page = await errors.listItems({
      buckets: { startMs: T0, endMs: T0 + 3 * hour, count: 3 },
    });
    const byFingerprint = Object.fromEntries(page.items.map((i) => [i.fingerprint, i.buckets]));
    // The occurrence at exactly the end of the window is outside it.
    expect(byFingerprint).toEqual({ a: [2, 1, 0], b: [0, 1, 0] });
    expect((await errors.listItems({ levels: ['info'] })).items.map((i) => i.fingerprint)).toEqual([
      'b',
    ]);
    expect((await errors.listItems({ statuses: ['resolved'] })).totalCount).toBe(0);
  });

  it('finds the occurrences reported inside a trace, for the trace view', async () => {
    const { errors } = await openStore();
    // Above 2^127: must not wrap when bound.
    const traceId = 0xf0f7651916cd43dd8448eb211c80319cn as TraceId;
    await errors.record(makeOccurrence({ traceId, timeMs: T0 + 1 }), T0);
    await errors.record(makeOccurrence({ traceId, fingerprint: 'b', timeMs: T0 }), T0);
    await errors.record(makeOccurrence(), T0);
    const found = await errors.traceOccurrences(traceId);
    expect(found.map((o) => [o.traceId, o.timeMs])).toEqual([
      ['f0f7651916cd43dd8448eb211c80319c', T0],
      ['f0f7651916cd43dd8448eb211c80319c', T0 + 1],
    ]);
  });

  it('keeps items, counters and ids across a restart', async () => {
    const path = tempDataFile();
    const first = await openStore(path);
    await Promise.all(Array.from({ length: 20 }, () => first.errors.record(makeOccurrence(), T0)));
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await openStore(path);
    await second.errors.record(makeOccurrence(), T0 + 1);
    await second.errors.record(makeOccurrence({ fingerprint: 'new' }), T0 + 1);
    const { items } = await second.errors.listItems();
    expect(items.map((i) => [i.id, i.fingerprint, i.totalOccurrences])).toEqual([
      [2, 'new', 1],
      [1, 'fp-checkout', 21],
    ]);
    expect(items[0]?.firstOccurrenceId).toBe(22);
  });
});
