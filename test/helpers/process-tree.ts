import { readdirSync, readFileSync } from 'node:fs';

/** A process of this machine: id, parent, and command line (Linux /proc). */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly cmdline: string;
}

/** Every process we can read. */
export function listProcesses(): ProcessInfo[] {
  const result: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name in parentheses may hold spaces; the parent id is the second field after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      result.push({ pid: Number(name), ppid: Number(fields[1]), cmdline });
    } catch {
      // Ended while we looked.
    }
  }
  return result;
}

/** The descendants of a process, children first. */
export function descendantsOf(pid: number, processes: readonly ProcessInfo[] = listProcesses()): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const child of processes.filter((p) => p.ppid === parent)) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}
