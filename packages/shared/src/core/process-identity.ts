import { readFileSync } from "node:fs";
import { hostname } from "node:os";

/**
 * A process, recorded so another process can later prove it gone: the host it ran on, its pid,
 * and (on Linux) the boot it ran in and its start time, so a reboot or a reused pid is not
 * mistaken for the same process still running.
 */
export interface ProcessIdentity {
  host: string;
  pid: number;
  /** /proc/sys/kernel/random/boot_id: differs after a reboot. */
  bootId?: string;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot): differs when the pid was reused. */
  startTime?: string;
}

let bootId: string | undefined | null = null;
function currentBootId(): string | undefined {
  if (bootId === null) bootId = readProc("/proc/sys/kernel/random/boot_id")?.trim() || undefined;
  return bootId;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The start time of a running pid, or undefined (no such process, or no /proc). */
function startTimeOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields?.[19];
}

/** This process, as a lease or lock records it. */
export function thisProcess(): ProcessIdentity {
  const bootId = currentBootId();
  const startTime = startTimeOf(process.pid);
  return { host: hostname(), pid: process.pid, ...(bootId ? { bootId } : {}), ...(startTime ? { startTime } : {}) };
}

/**
 * "gone" only when provable from here: same host and (another boot, no such pid, or the pid now
 * belongs to a process started later). "alive" when that process still runs here; "elsewhere"
 * when it ran on another host (nothing can be proven from this one).
 */
export function processState(recorded: ProcessIdentity, here: ProcessIdentity = thisProcess()): { state: "alive" | "gone" | "elsewhere"; reason: string } {
  const who = `process ${recorded.pid} on ${recorded.host}`;
  if (recorded.host !== here.host) return { state: "elsewhere", reason: `${who} runs on another host` };
  if (recorded.bootId && here.bootId && recorded.bootId !== here.bootId) return { state: "gone", reason: `${recorded.host} has rebooted since ${who} started` };
  if (!pidExists(recorded.pid)) return { state: "gone", reason: `${who} is not running` };
  const now = recorded.startTime ? startTimeOf(recorded.pid) : undefined;
  if (recorded.startTime && now && now !== recorded.startTime) return { state: "gone", reason: `${who} is not running (the pid now belongs to another process)` };
  return { state: "alive", reason: `${who} is running` };
}

function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
