import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** Resident memory of a process in bytes: `VmRSS` now and `VmHWM` (the peak so far). */
export function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  };
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** CPU seconds (user + system, all threads) a process has used so far. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Polls a process's RSS while a task runs; returns the highest VmRSS seen and the final VmHWM. */
export function sampleMemory(
  pid: number,
  everyMs = 250,
): { stop(): { maxRss: number; peak: number } } {
  let maxRss = 0;
  let peak = 0;
  const sample = (): void => {
    try {
      const memory = processMemory(pid);
      maxRss = Math.max(maxRss, memory.rss);
      peak = Math.max(peak, memory.peak);
    } catch {
      // The process is gone; keep what was seen.
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { maxRss, peak };
    },
  };
}
