import { describe, expect, it } from 'vitest';
import { BatchPump } from './batch-pump.js';

/** A queue of numbers behind a pump; each send takes `sendMs` and is recorded as it starts. */
function pumped({ batchSize = 3, delayMs = 50, sendMs = 0 } = {}) {
  const queue: number[] = [];
  const batches: number[][] = [];
  let sending = 0;
  let overlapped = false;
  const pump = new BatchPump({
    delayMs,
    queued: () => queue.length,
    full: () => queue.length >= batchSize,
    sendNext: async () => {
      batches.push(queue.splice(0, batchSize));
      sending += 1;
      if (sending > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, sendMs));
      sending -= 1;
    },
  });
  const add = (...items: number[]) => {
    for (const item of items) {
      queue.push(item);
      pump.schedule();
    }
  };
  return { pump, queue, batches, add, overlapped: () => overlapped };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BatchPump', () => {
  it('sends a full batch on the next turn, without waiting for the delay', async () => {
    const { batches, add } = pumped({ batchSize: 3, delayMs: 10_000 });
    add(1, 2, 3);
    expect(batches).toEqual([]);
    await tick();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('sends a partial batch only once the delay has passed', async () => {
    const { batches, add } = pumped({ batchSize: 3, delayMs: 40 });
    add(1);
    await sleep(10);
    expect(batches).toEqual([]);
    await sleep(80);
    expect(batches).toEqual([[1]]);
  });

  it('never has two sends in flight, and sends what queued meanwhile next', async () => {
    const pump = pumped({ batchSize: 2, delayMs: 5, sendMs: 20 });
    pump.add(1, 2, 3, 4, 5);
    await pump.pump.flush();
    expect(pump.batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(pump.overlapped()).toBe(false);
  });

  it('flushes everything queued on demand, and resolves at once when nothing is', async () => {
    const { pump, batches, add, queue } = pumped({ batchSize: 2, delayMs: 10_000 });
    await pump.flush();
    add(1, 2, 3);
    await pump.flush();
    expect(batches).toEqual([[1, 2], [3]]);
    expect(queue).toEqual([]);
  });

  it('once stopped, schedules nothing and flushes no batch past the deadline', async () => {
    const { pump, batches, add, queue } = pumped({ batchSize: 1, delayMs: 5, sendMs: 100 });
    const deadline = Date.now() + 150;
    pump.stop(deadline);
    expect(pump.deadline).toBe(deadline);
    add(1, 2, 3);
    await sleep(20);
    expect(batches).toEqual([]);
    await pump.flush();
    // The second send starts before the deadline; when it ends, the deadline has passed.
    expect(batches).toEqual([[1], [2]]);
    expect(queue).toEqual([3]);
  });
});
