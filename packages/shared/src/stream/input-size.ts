import { readFileSync } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";

const TAR_BLOCK = 512;
const TAR_RECORD = 10240;

/**
 * Roughly how many bytes `tar -cf -` will write for dir (headers plus padded contents), for the
 * ETA and the multipart part size. Reads metadata only; stops early when the signal fires.
 * Ignores excludes, so it is an upper bound.
 */
export async function estimateTarSize(dir: string, signal?: AbortSignal): Promise<number | undefined> {
  let total = 2 * TAR_BLOCK;
  const pending = [dir];
  while (pending.length > 0) {
    if (signal?.aborted) return undefined;
    const current = pending.pop()!;
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(current, entry.name);
      total += TAR_BLOCK;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) {
        const size = await lstat(path).then((s) => s.size, () => 0);
        total += Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
      }
    }
  }
  return Math.ceil(total / TAR_RECORD) * TAR_RECORD;
}

/**
 * Reads the offset of an open file descriptor that a child shares with us (it inherited the same
 * open file), i.e. how far the compressor has read. Linux /proc only; undefined elsewhere.
 */
export function fdPositionReader(fd: number): () => number | undefined {
  let unavailable = false;
  return () => {
    if (unavailable) return undefined;
    try {
      const match = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"));
      return match ? Number(match[1]) : undefined;
    } catch {
      unavailable = true;
      return undefined;
    }
  };
}
