import { link, open, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import type { Logger } from "../core/logger";
import { processState, thisProcess, type ProcessIdentity } from "../core/process-identity";

/** A lock whose holder cannot be checked (another host, an older chainops' empty lock) is broken after this. */
export const LOCK_STALE_MS = 30_000;
/** Say that we wait once the wait is this long. */
const LOG_WAIT_AFTER_MS = 1_000;

interface LockOwner extends ProcessIdentity {
  at: string;
  /** Tells two locks of one process apart. */
  nonce: string;
}

/**
 * An exclusive lock file for the file:// store's compare-and-swap. It is created with its owner
 * (host, pid, boot, start time) already inside (written to a temp file, then link()ed into
 * place, which fails if the lock exists), so a waiter can tell a lock left by a killed process
 * and break it at once. Breaking takes a second, short-lived lock, so two waiters never break
 * a fresh lock that replaced the stale one.
 */
export async function acquireFileLock(lockPath: string, options: { logger?: Logger; label: string }): Promise<() => Promise<void>> {
  const owner: LockOwner = { ...thisProcess(), at: new Date().toISOString(), nonce: randomBytes(6).toString("hex") };
  const content = JSON.stringify(owner);
  const temp = `${lockPath}-${randomBytes(6).toString("hex")}`;
  await writeFile(temp, content);
  const started = Date.now();
  let told = false;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, lockPath);
        return async () => {
          // Only our own lock: after a break by someone else, the file may be theirs.
          if ((await readFile(lockPath, "utf8").catch(() => "")) === content) await unlink(lockPath).catch(() => undefined);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const held = await inspect(lockPath);
      if (held?.stale) {
        if (await breakLock(lockPath, held.content)) options.logger?.warning(`Broke the lock on ${options.label}: ${held.stale}.`);
        continue;
      }
      if (!told && Date.now() - started >= LOG_WAIT_AFTER_MS) {
        told = true;
        options.logger?.info(`Waiting for the lock on ${options.label}${held?.owner ? `, held by process ${held.owner.pid} on ${held.owner.host} since ${held.owner.at}` : ""}`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 2)));
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Who holds the lock and whether it is stale (with why); undefined when it vanished meanwhile. */
async function inspect(lockPath: string): Promise<{ content: string; owner?: LockOwner; stale?: string } | undefined> {
  let content: string;
  let ageMs: number;
  try {
    content = await readFile(lockPath, "utf8");
    ageMs = Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return undefined;
  }
  const owner = parseOwner(content);
  if (owner) {
    const { state, reason } = processState(owner);
    if (state === "gone") return { content, owner, stale: `left by ${reason}` };
    if (state === "alive") return { content, owner };
  }
  return ageMs > LOCK_STALE_MS ? { content, owner, stale: `untouched for ${Math.round(ageMs / 1000)} s` } : { content, owner };
}

function parseOwner(content: string): LockOwner | undefined {
  try {
    const value = JSON.parse(content) as Partial<LockOwner>;
    return typeof value.host === "string" && typeof value.pid === "number" ? (value as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the lock if it still holds `staleContent`, under a break lock; false when someone else did. */
async function breakLock(lockPath: string, staleContent: string): Promise<boolean> {
  const breakPath = `${lockPath}-break`;
  let handle;
  try {
    handle = await open(breakPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another waiter is breaking it; a break lock is held for microseconds, so an old one is a killed breaker's.
    const age = await stat(breakPath).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > LOCK_STALE_MS) await unlink(breakPath).catch(() => undefined);
    else await new Promise((resolve) => setTimeout(resolve, 5));
    return false;
  }
  try {
    await handle.close();
    if ((await readFile(lockPath, "utf8").catch(() => undefined)) !== staleContent) return false;
    await unlink(lockPath);
    return true;
  } finally {
    await unlink(breakPath).catch(() => undefined);
  }
}
