import { createHash } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AbortedError, IntegrityError, type Logger } from "@chainops/shared";
import { findExecutable, spawnChecked, waitForExit } from "@chainops/shared/exec";
import type { ObjectStore } from "@chainops/shared/storage";

const GIB = 1 << 30;
const BROKEN_PIPE = new Set(["EPIPE", "ERR_STREAM_DESTROYED", "ERR_STREAM_PREMATURE_CLOSE"]);

/**
 * For a snapshot from before manifests, which has no sha256 to check against: one pass
 * object → sha256 + count → `zstd -d` (which checks zstd's own frame checksum) → `<carPath>.partial`,
 * renamed to carPath only when zstd succeeded and the byte count matches the listing. On any
 * failure the partial file is removed. Returns the sha256 it saw, for the SRE to record.
 */
export async function downloadUnverified(options: {
  store: ObjectStore;
  key: string;
  expectedSize: number;
  carPath: string;
  logger: Logger;
  pathEnv?: string;
  signal?: AbortSignal;
}): Promise<{ sha256: string; size: number }> {
  const { logger, key } = options;
  const zstd = findExecutable("zstd", { pathEnv: options.pathEnv, installHint: "apt-get install -y zstd on the runner" });
  const partial = `${options.carPath}.partial`;
  const hash = createHash("sha256");
  let bytes = 0;
  let reportAt = GIB;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      if (bytes >= reportAt) {
        logger.info(`${key}: ${Math.floor(bytes / GIB)} GiB of ${(options.expectedSize / GIB).toFixed(1)} GiB downloaded`);
        reportAt += GIB;
      }
      callback(null, chunk);
    },
  });
  const args = ["-d", "-q", "-f", "-o", partial];
  const child = spawnChecked(zstd, args, { stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const exited = waitForExit(child, zstd, args, { signal: options.signal });
  try {
    const relay = await pipeline(await options.store.get(key, { signal: options.signal }), meter, child.stdin!).then(
      () => undefined,
      (error: Error) => error,
    );
    const { exitCode } = await exited;
    if (options.signal?.aborted) throw new AbortedError(`Download of ${key} was cancelled; removed what was written`);
    // A failing download is the cause; a broken pipe only echoes a zstd that stopped on bad data.
    if (relay && !BROKEN_PIPE.has((relay as NodeJS.ErrnoException).code ?? "")) throw relay;
    if (exitCode !== 0) {
      throw new IntegrityError(`${key} does not decompress with zstd (corrupt or truncated): ${stderr.trim() || `exit code ${exitCode}`}`, {
        hint: "Download it again; if it fails the same way, the archived object is damaged: pick another snapshot or sync from genesis.",
      });
    }
    if (relay) throw relay;
    if (bytes !== options.expectedSize) {
      throw new IntegrityError(`${key}: downloaded ${bytes} bytes, the bucket lists ${options.expectedSize}`, { hint: "The object changed or the download was cut short; run restore again." });
    }
    await rename(partial, options.carPath);
  } catch (error) {
    child.kill("SIGTERM");
    await exited.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
  const sha256 = hash.digest("hex");
  logger.info(`${key}: ${bytes} bytes, sha256 ${sha256} (not verified: no manifest)`);
  return { sha256, size: bytes };
}
