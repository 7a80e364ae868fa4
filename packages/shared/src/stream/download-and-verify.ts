import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { systemClock } from "../core/clock";
import { AbortedError, ConfigError, IntegrityError } from "../core/errors";
import { formatBytes } from "../config/size";
import { formatDuration } from "../config/duration";
import { ChildStage } from "./child-stage";
import { decompressArgs, resolveTool } from "./compressors";
import { HashCounter } from "./hash-counter";
import { ProgressMeter } from "./progress";
import { ensureGnuTar, extractArgs } from "./tar-args";
import type { DownloadAndVerifyOptions, DownloadResult } from "./types";

/** Where the bytes land, and how to undo it. */
interface Landing {
  /** Where decompressed bytes are written (a temp file beside the final one, or the directory). */
  target: string;
  /** Removes everything this call wrote or created. */
  discard(): Promise<void>;
  /** Moves a verified file into place. */
  commit(): Promise<void>;
}

/**
 * One pass: source → sha256 + byte count → decompressor CLI → file, or `tar -x` into a directory.
 * The sha256/size are compared at the end (sha256 only when one is expected); on a mismatch, a failure or the signal, whatever was
 * written is removed (the whole directory if this call created it) and IntegrityError or
 * AbortedError is thrown. A file only appears under its final path once verified.
 */
export async function downloadAndVerify(options: DownloadAndVerifyOptions): Promise<DownloadResult> {
  const { logger, destination } = options;
  const clock = options.clock ?? systemClock;
  const label = options.label ?? basename(destination.path);
  const expectedSha256 = options.expectedSha256?.toLowerCase() ?? null;
  let decompressor: string | undefined;
  let tar: string | undefined;
  let landing: Landing;
  try {
    if (expectedSha256 !== null && !/^[0-9a-f]{64}$/.test(expectedSha256)) {
      throw new ConfigError("expected sha256", "must be 64 hex characters", { value: options.expectedSha256, example: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" });
    }
    decompressor = options.decompression === "none" ? undefined : resolveTool(options.decompression, options.bin, options.pathEnv);
    tar = destination.kind === "directory" ? resolveTool("tar", options.bin, options.pathEnv) : undefined;
    if (tar) await ensureGnuTar(tar);
    if (options.signal?.aborted) throw new AbortedError(`Download of ${label} was cancelled before it started`);
    landing = destination.kind === "file" ? await landFile(resolve(destination.path)) : await landDirectory(resolve(destination.path));
  } catch (error) {
    // The source is ours once passed in: close it (an open download or file handle) before failing.
    options.source.destroy();
    throw error;
  }

  const started = clock.now();
  const meter = new ProgressMeter({ label, logger, clock, intervalMs: options.progressIntervalMs, onProgress: options.onProgress, hashedVerb: "downloaded" });
  meter.sourceTotal = options.expectedSize;
  const hasher = new HashCounter({
    onChunk: () => {
      meter.hashedBytes = hasher.bytes;
      meter.tick();
    },
    maxBytes: options.expectedSize,
    tooLarge: (bytes) => new IntegrityError(`${label}: the download is longer than the expected ${options.expectedSize} bytes (${bytes} so far)`, { hint: "The object does not match its metadata; re-publish it or fix the metadata." }),
  });
  const stages: ChildStage[] = [];
  let sink: Writable;
  let outputFile: FileHandle | undefined;
  try {
    if (destination.kind === "directory") {
      const extractor = new ChildStage(tar!, extractArgs(landing.target), ["pipe", "ignore", "pipe"], {
        logger,
        hint: `tar could not extract into ${landing.target}; check free space and permissions.`,
      });
      stages.push(extractor);
      if (decompressor) {
        const stage = decompressorStage(decompressor, ["pipe", extractor.stdin, "pipe"], options);
        extractor.stdin.destroy(); // the decompressor holds the pipe now; ours would keep tar from seeing EOF
        stages.unshift(stage);
        sink = stage.stdin;
      } else {
        sink = extractor.stdin;
      }
    } else if (decompressor) {
      outputFile = await open(landing.target, "w");
      const stage = decompressorStage(decompressor, ["pipe", outputFile.fd, "pipe"], options);
      stages.push(stage);
      sink = stage.stdin;
    } else {
      sink = createWriteStream(landing.target);
    }
  } catch (error) {
    meter.stop();
    for (const stage of stages) stage.stop();
    await outputFile?.close();
    await landing.discard();
    throw error;
  }
  // The decompressor has its own copy of the output file now.
  await outputFile?.close();
  const stopAll = (reason: Error) => {
    for (const stage of stages) stage.stop();
    hasher.destroy(reason);
  };
  const onAbort = () => stopAll(new AbortedError(`Download of ${label} was cancelled`));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  try {
    const relay = await pipeline(options.source, hasher, sink).then(() => undefined, (error: Error) => error);
    await Promise.all(stages.map((stage) => stage.exited));
    if (options.signal?.aborted) throw new AbortedError(`Download of ${label} was cancelled; removed what was written`);
    // A failing source (network, too long) is the cause; a broken pipe only echoes a dead stage.
    if (relay && !isBrokenPipe(relay)) throw relay;
    const decompressFailure = decompressor ? stages[0]!.failure() : undefined;
    if (decompressFailure) {
      throw new IntegrityError(`${label}: the data does not decompress with ${options.decompression} (corrupt, truncated or not ${options.decompression}): ${decompressFailure.message}`, {
        cause: decompressFailure,
        hint: "Download it again; if it fails the same way, the stored object is damaged and must be re-published.",
      });
    }
    const stageFailure = stages.map((stage) => stage.failure()).find(Boolean);
    if (stageFailure) throw stageFailure;
    if (relay) throw relay;
    const sha256 = hasher.sha256!;
    const size = hasher.bytes;
    if ((expectedSha256 !== null && sha256 !== expectedSha256) || (options.expectedSize !== undefined && size !== options.expectedSize)) {
      throw new IntegrityError(
        `${label}: got ${size} bytes with sha256 ${sha256}, expected ${options.expectedSize ?? "?"} bytes with sha256 ${expectedSha256 ?? "(none published)"}; removed what was written`,
        { hint: "The object or its metadata is damaged; download again, and re-publish it if the mismatch persists." },
      );
    }
    await landing.commit();
    meter.finish();
    const durationMs = clock.now() - started;
    const checked = expectedSha256 === null ? `${formatBytes(size)}, sha256 ${sha256} (not verified: none published)` : `verified ${formatBytes(size)} sha256 ${sha256}`;
    logger.info(`${label}: ${checked} in ${formatDuration(durationMs)} → ${destination.path}`);
    return { sha256, size, durationMs };
  } catch (error) {
    for (const stage of stages) stage.stop();
    await Promise.all(stages.map((stage) => stage.exited));
    await landing.discard();
    throw error;
  } finally {
    meter.stop();
    options.signal?.removeEventListener("abort", onAbort);
  }
}

function isBrokenPipe(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EPIPE" || code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ERR_STREAM_DESTROYED";
}

function decompressorStage(path: string, stdio: ("pipe" | number | Writable)[], options: DownloadAndVerifyOptions): ChildStage {
  const args = decompressArgs();
  return new ChildStage(path, args, stdio, { logger: options.logger, hint: `${path} could not decompress the download.` });
}

/** A file is written to a temp name beside it and renamed into place once verified. */
async function landFile(path: string): Promise<Landing> {
  const created = await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.partial-${randomBytes(6).toString("hex")}`);
  return {
    target: temp,
    discard: async () => {
      await rm(temp, { force: true });
      if (created) await rm(created, { recursive: true, force: true });
    },
    commit: () => rename(temp, path),
  };
}

/**
 * Extracts in place. The directory must be absent or empty, so that on failure removing what is
 * in it removes exactly what this call wrote.
 */
async function landDirectory(path: string): Promise<Landing> {
  const existing = await stat(path).catch(() => undefined);
  if (existing) {
    if (!existing.isDirectory()) throw new ConfigError("destination", `${path} exists and is not a directory`, { value: path });
    if ((await readdir(path)).length > 0) {
      throw new ConfigError("destination", `${path} is not empty; extract into an empty or new directory`, { value: path, hint: "Move the old data away first; chainops never mixes a download into existing files." });
    }
  }
  const created = existing ? undefined : await mkdir(path, { recursive: true });
  return {
    target: path,
    discard: async () => {
      if (created) {
        await rm(created, { recursive: true, force: true });
        return;
      }
      for (const entry of await readdir(path).catch(() => [])) await rm(join(path, entry), { recursive: true, force: true });
    },
    commit: async () => undefined,
  };
}
