// Resident memory of a server process (and its children, e.g. nginx workers) from /proc.
import { readFileSync, readdirSync } from 'node:fs';

export interface MemorySample {
  /** Processes measured: the server and all its descendants. */
  pids: number[];
  /** Sum of VmRSS over those processes, in KiB. */
  rssKiB: number;
  /** Sum of VmHWM (peak resident set) over those processes, in KiB. */
  hwmKiB: number;
  /** VmRSS / VmHWM of the main process alone, in KiB. */
  mainRssKiB: number;
  mainHwmKiB: number;
}

function statusField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Format: "pid (comm) state ppid …"; comm may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[1] === undefined ? undefined : Number(fields[1]);
  } catch {
    return undefined;
  }
}

export function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = parentOf(pid);
    if (parent !== undefined) parents.set(pid, parent);
  }
  const tree = [root];
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.includes(parent) && !tree.includes(pid)) {
        tree.push(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/** Returns undefined where /proc is unavailable (not Linux) or the process is gone. */
export function sampleMemory(pid: number): MemorySample | undefined {
  const sample: MemorySample = { pids: [], rssKiB: 0, hwmKiB: 0, mainRssKiB: 0, mainHwmKiB: 0 };
  let pids: number[];
  try {
    pids = descendantsOf(pid);
  } catch {
    return undefined;
  }
  for (const each of pids) {
    let status: string;
    try {
      status = readFileSync(`/proc/${each}/status`, 'utf8');
    } catch {
      continue;
    }
    const rss = statusField(status, 'VmRSS');
    const hwm = statusField(status, 'VmHWM');
    sample.pids.push(each);
    sample.rssKiB += rss;
    sample.hwmKiB += hwm;
    if (each === pid) {
      sample.mainRssKiB = rss;
      sample.mainHwmKiB = hwm;
    }
  }
  return sample.pids.includes(pid) ? sample : undefined;
}

export function formatMiB(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}
