import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  comm: string;
  cpuMs: number;
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {
      comm: text.slice(text.indexOf('(') + 1, close),
      ppid: Number(fields[1]),
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The processes whose CPU time is read: by name (the database server) or a process and its children (nginx). */
export type ProcessSelector = { comm: string[] } | { tree: number };

/** User + system CPU time in ms of the selected processes (still running ones: Linux only, else 0). */
export function cpuMsOf(selector: ProcessSelector): number {
  let total = 0;
  for (const pid of allPids()) {
    const stat = procStat(pid);
    if (!stat) continue;
    const chosen =
      'comm' in selector ? selector.comm.includes(stat.comm) : pid === selector.tree || stat.ppid === selector.tree;
    if (chosen) total += stat.cpuMs;
  }
  return total;
}

/** Busy CPU time of the whole machine (all cores, everything but idle and iowait), in ms. */
export function machineBusyMs(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const busy = cpu.reduce((sum, value) => sum + value, 0) - cpu[3]! - cpu[4]!;
    return (busy * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
