// Who owns an operation in flight: the pid plus the process start time, so that a recycled pid after
// a reboot or a crash is not mistaken for the host that wrote the record.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isProcessAlive } from './stateStore';

function startTimeOf(pid: number): string {
  try {
    // /proc/<pid>/stat field 22 is the start time in clock ticks; the command name (field 2) may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

export function ownerIdOf(pid: number): string {
  return `${hostname()}:${pid}:${startTimeOf(pid)}`;
}

export const currentOwner = { pid: process.pid, hostId: ownerIdOf(process.pid) };

/** Whether the process that started an operation is still the same live process. */
export function ownerAlive(owner: { pid: number; hostId: string }): boolean {
  if (!owner.hostId.startsWith(`${hostname()}:`)) return true; // another machine sharing the folder: cannot tell, assume alive
  return isProcessAlive(owner.pid) && ownerIdOf(owner.pid) === owner.hostId;
}
