import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { z } from 'zod';
import type { HttpLoadResult } from './http-load-result.js';

const loadCommand = z.object({
  url: z.string().url(),
  connections: z.number().int().positive(),
  durationSec: z.number().positive(),
});

/**
 * Load generator process (run pinned to its own core). Each stdin line is a command
 * `{url, connections, durationSec}`: autocannon GETs that URL over keep-alive connections for
 * that long, and one JSON HttpLoadResult line answers it. One process serves every slice of a
 * run, so slices a second or two long cost no process start. Latencies come from autocannon's
 * per-response event (floating milliseconds) rather than its histogram, which rounds to whole
 * milliseconds: the target is "p99 added under 2 ms".
 */
async function main(): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '') continue;
    const command = loadCommand.parse(JSON.parse(line));
    console.log(JSON.stringify(await load(command)));
  }
}

async function load(command: z.infer<typeof loadCommand>): Promise<HttpLoadResult> {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: command.url,
        connections: command.connections,
        duration: command.durationSec,
        timeout: 30,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSec: result.duration,
    latencies,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
