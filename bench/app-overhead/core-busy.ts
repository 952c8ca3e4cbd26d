import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** `taskset -c` syntax ('0', '0,2', '0-3') to CPU numbers. */
function cpuNumbers(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) return [];
    const last = to === undefined || Number.isNaN(to) ? from : to;
    return Array.from({ length: last - from + 1 }, (_, i) => from + i);
  });
}

/**
 * Busy CPU seconds (everything but idle and iowait) the given cores have run so far, whoever ran
 * them. Minus the API's own CPU time over a run, it shows how much other processes on the machine
 * took from the API's core: pinning keeps the bench's own processes apart, not the rest.
 */
export function coreBusySeconds(cpus: string): number {
  const wanted = new Set(cpuNumbers(cpus).map((n) => `cpu${n}`));
  let ticks = 0;
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const [name, ...fields] = line.trim().split(/\s+/);
    if (name === undefined || !wanted.has(name)) continue;
    const values = fields.map(Number);
    const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
    ticks += total - (values[3] ?? 0) - (values[4] ?? 0);
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}
