import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// Parent of every process this user may see: /proc on Linux, `ps` on other Unix systems.
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  if (process.platform === 'linux') {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // The command name in parentheses may hold spaces; the parent id is the second field after it.
        parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // Ended while we looked.
      }
    }
    return parents;
  }
  const listing = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  for (const line of listing.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid !== undefined && ppid !== undefined && !Number.isNaN(pid)) parents.set(pid, ppid);
  }
  return parents;
}

/** The ids of a process's descendants, children before grandchildren. */
export function descendantPids(pid: number): number[] {
  const parents = parentsByPid();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/**
 * Ends a process's descendants (a miiskmu.exe that a timed-out script started, say), so that ending a session
 * leaves nothing running on the server. The process itself is left to its owner. Windows: taskkill /T.
 */
export function killDescendants(pid: number): void {
  if (process.platform === 'win32') {
    // taskkill /T ends the whole tree including the root, which its owner ends next anyway.
    spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    return;
  }
  let descendants: number[];
  try {
    descendants = descendantPids(pid);
  } catch {
    return;
  }
  for (const child of descendants) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
