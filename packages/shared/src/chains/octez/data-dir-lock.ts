import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Who holds an octez-node data dir. octez-node takes a kernel lock (lockf) on `<data-dir>/lock`
 * for as long as it runs and writes its pid into the file; it does not remove the file when it
 * stops. So the file's presence means nothing: only a lock the kernel holds on it does. Linux lists
 * held locks in /proc/locks as "<n>: POSIX ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF"
 * (major and minor in hex).
 */
export interface DataDirLockHolder {
  /** The pid /proc/locks names (-1 for an open-file-description lock). */
  pid: number;
  /**
   * true: the kernel holds a lock on this very file. false: a lock on a file with the same inode
   * number on another device, and the lock file names that holder's pid: either this file seen
   * through another device number (btrfs subvolume, overlay) or a block-level copy (LVM or ZFS
   * snapshot) of a data dir that a running node holds.
   */
  sameFile: boolean;
}

export interface ProcLockEntry {
  type: string;
  pid: number;
  major: number;
  minor: number;
  inode: bigint;
}

/** Parses /proc/locks (lines of blocked waiters, "-> …", are skipped: they hold nothing). */
export function parseProcLocks(text: string): ProcLockEntry[] {
  const entries: ProcLockEntry[] = [];
  for (const line of text.split("\n")) {
    const match = /^\d+:\s+(POSIX|FLOCK|OFDLCK|LEASE|DELEG|ACCESS)\s+\S+\s+\S+\s+(-?\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/i.exec(line);
    if (!match) continue;
    entries.push({ type: match[1]!, pid: Number(match[2]), major: Number.parseInt(match[3]!, 16), minor: Number.parseInt(match[4]!, 16), inode: BigInt(match[5]!) });
  }
  return entries;
}

/** Linux's dev_t as /proc/locks prints it (the glibc gnu_dev_major/minor encoding). */
export function deviceNumbers(dev: bigint): { major: number; minor: number } {
  const major = Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn));
  const minor = Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn));
  return { major, minor };
}

/**
 * The holder of `<dataDir>/lock`, or null when no process holds it (no lock file, or a stale one).
 * `procLocks` is the text of /proc/locks (read when not given); without /proc (not Linux) this
 * answers null and the node itself refuses a held data dir when it is started on it.
 */
export async function findDataDirLockHolder(dataDir: string, procLocks?: string): Promise<DataDirLockHolder | null> {
  const lockFile = join(dataDir, "lock");
  let info: { dev: bigint; ino: bigint };
  try {
    info = await stat(lockFile, { bigint: true });
  } catch {
    return null;
  }
  let text = procLocks;
  if (text === undefined) {
    try {
      text = await readFile("/proc/locks", "utf8");
    } catch {
      return null;
    }
  }
  const { major, minor } = deviceNumbers(info.dev);
  const sameInode = parseProcLocks(text).filter((entry) => entry.inode === info.ino);
  const exact = sameInode.find((entry) => entry.major === major && entry.minor === minor);
  if (exact) return { pid: exact.pid, sameFile: true };
  const recordedPid = Number.parseInt((await readFile(lockFile, "utf8").catch(() => "")).trim(), 10);
  const lookalike = sameInode.find((entry) => entry.pid > 0 && entry.pid === recordedPid);
  return lookalike ? { pid: lookalike.pid, sameFile: false } : null;
}
