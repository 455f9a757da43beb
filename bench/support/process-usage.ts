import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: the unit of the CPU times in /proc/<pid>/stat (100 on every usual kernel). */
const TICKS_PER_SECOND = 100;

/** A process's resident memory in MB, from /proc (Linux), or null elsewhere. */
export function residentMegabytes(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * The CPU time a process has used so far, every thread's, user and system, in seconds (Linux), or
 * null elsewhere. Read before and after a phase, it gives what each request cost the server: a figure
 * a busy neighbour on the machine moves far less than throughput or latency.
 */
export function cpuSeconds(pid: number): number | null {
  return cpuSecondsOf(`/proc/${pid}/stat`);
}

/**
 * The CPU time of a process's main thread only (Linux: its first task has the process's id), in
 * seconds: the thread every request passes through, whose time per request bounds the throughput,
 * apart from what other threads (the projection thread, the collector's helpers) take beside it.
 */
export function mainThreadCpuSeconds(pid: number): number | null {
  return cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`);
}

function cpuSecondsOf(statPath: string): number | null {
  try {
    const stat = readFileSync(statPath, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The server's CPU milliseconds per request over a phase, from two `cpuSeconds` readings. */
export function cpuMsPer(
  before: number | null,
  after: number | null,
  requests: number,
): number | null {
  if (before === null || after === null || requests === 0) return null;
  return Number((((after - before) * 1000) / requests).toFixed(3));
}
