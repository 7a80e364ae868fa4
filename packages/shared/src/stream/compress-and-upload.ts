import { constants } from "node:fs";
import { access, open, stat, type FileHandle } from "node:fs/promises";
import { resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { systemClock } from "../core/clock";
import { AbortedError, ConfigError, IntegrityError } from "../core/errors";
import { formatBytes } from "../config/size";
import { formatDuration } from "../config/duration";
import { checkKey } from "../storage/keys";
import type { ObjectInfo } from "../storage/types";
import { compressArgs, resolveTool } from "./compressors";
import { HashCounter } from "./hash-counter";
import { estimateTarSize } from "./input-size";
import { ProgressMeter } from "./progress";
import { startProducer, type Producer } from "./start-producer";
import { ensureGnuTar } from "./tar-args";
import type { CompressAndUploadOptions, UploadResult, UploadSource } from "./types";

/**
 * One pass: source → (GNU tar) → compressor CLI → sha256 + byte count → store.put(key). Memory
 * stays bounded (streams with backpressure, the CLIs connected by OS pipes). If anything fails or
 * the signal fires, the CLIs are stopped and the upload is aborted, so nothing is left under key;
 * the error names the stage that failed. After the upload, head() must confirm the size.
 */
export async function compressAndUpload(options: CompressAndUploadOptions): Promise<UploadResult> {
  const { source, compression, store, key, logger } = options;
  const clock = options.clock ?? systemClock;
  const label = options.label ?? key;

  // Everything that can be checked is checked before a byte is written.
  let compressor: { path: string; args: string[] } | undefined;
  let tar: string | undefined;
  let file: OpenedFile | undefined;
  try {
    checkKey(key);
    compressor = compression.kind === "none" ? undefined : { path: resolveTool(compression.kind, options.bin, options.pathEnv), args: compressArgs(compression) };
    tar = source.kind === "directory" ? resolveTool("tar", options.bin, options.pathEnv) : undefined;
    if (tar) await ensureGnuTar(tar);
    file = await checkSource(source);
    if (options.signal?.aborted) throw new AbortedError(`Upload of ${label} was cancelled before it started`);
  } catch (error) {
    // The stream is ours once passed in: do not leave its producer hanging.
    if (source.kind === "stream") source.stream.destroy();
    await file?.handle.close();
    throw error;
  }

  const started = clock.now();
  let producer: Producer | undefined;
  let meter: ProgressMeter | undefined;
  try {
    // The input size drives the ETA and, as sizeHint, the multipart part size: without it S3
    // parts stay small and cap the object size. For a directory, a metadata-only walk first.
    let inputTotal = options.expectedInputSize ?? file?.size ?? (source.kind === "stream" ? source.size : undefined);
    if (inputTotal === undefined && source.kind === "directory") inputTotal = await estimateTarSize(resolve(source.path), options.signal);
    if (options.signal?.aborted) throw new AbortedError(`Upload of ${label} was cancelled before it started`);
    producer = await startProducer(source, { compressor, tar, file, inputSize: inputTotal }, options, () => meter?.tick());
    meter = new ProgressMeter({
      label, logger, clock,
      intervalMs: options.progressIntervalMs,
      onProgress: options.onProgress,
      sourceBytes: producer.sourceBytes,
      hashedVerb: "stored",
    });
    meter.sourceTotal = inputTotal;
    logger.info(`${label}: ${producer.description} → ${store.url}/${key}`);
    const { info, sha256, size } = await upload(producer, options, meter);
    const inputSize = (await producer.finalInputSize()) ?? size;

    const head = await store.head(key);
    if (!head || head.size !== size || (head.sha256 !== undefined && head.sha256 !== sha256)) {
      await store.delete(key).catch(() => undefined);
      throw new IntegrityError(
        `${store.url}/${key} does not match what was sent: ${head ? `the store reports ${head.size} bytes${head.sha256 ? ` sha256 ${head.sha256}` : ""}` : "the object is missing"}, sent ${size} bytes sha256 ${sha256}; removed it`,
        { hint: "The store lost or altered the upload; run it again, and check the bucket's health if it repeats." },
      );
    }
    meter.finish();
    const durationMs = clock.now() - started;
    const ratio = inputSize > 0 ? ` (${((size / inputSize) * 100).toFixed(1)}% of ${formatBytes(inputSize)})` : "";
    const rate = durationMs > 0 ? `, ${((inputSize / durationMs) * 1000 / 1e6).toFixed(1)} MB/s` : "";
    logger.info(`${label}: stored ${formatBytes(size)}${ratio} in ${formatDuration(durationMs)}${rate}, sha256 ${sha256}`);
    return { key, url: store.publicUrl(key), sha256, size, inputSize, durationMs, info: head ?? info };
  } finally {
    meter?.stop();
    await producer?.close();
    await file?.handle.close().catch(() => undefined);
  }
}

/** Streams producer.output through the hash into the store; on any failure stops every stage. */
async function upload(producer: Producer, options: CompressAndUploadOptions, meter: ProgressMeter): Promise<{ info: ObjectInfo; sha256: string; size: number }> {
  const { stages } = producer;
  const cancel = new AbortController();
  const stageFailure = async (): Promise<Error | undefined> => {
    for (const stage of stages) {
      const failure = stage.failure();
      if (failure) return failure;
    }
    return producer.relay?.then(() => undefined, (error: Error) => error);
  };
  const hasher = new HashCounter({
    onChunk: () => {
      meter.hashedBytes = hasher.bytes;
      meter.tick();
    },
    // Wait for every CLI to exit: a compressor that dies also closes its stdout, which must not
    // look like the end of the data.
    beforeEnd: async () => {
      await Promise.all(stages.map((stage) => stage.exited));
      await producer.relay?.catch(() => undefined);
      const failure = await stageFailure();
      if (failure) throw failure;
    },
  });
  const stopAll = (reason: Error) => {
    for (const stage of stages) stage.stop();
    producer.output.destroy();
    hasher.destroy(reason);
    cancel.abort(reason);
  };
  const onAbort = () => stopAll(new AbortedError(`Upload of ${options.label ?? options.key} was cancelled`));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  // Any CLI failing ends the upload at once, without waiting for the data to drain.
  for (const stage of stages) void stage.exited.then(() => { if (stage.failed) stopAll(stage.failure()!); });

  pipeline(producer.output, hasher).catch(() => undefined);
  try {
    const info = await options.store.put(options.key, hasher, {
      contentType: options.contentType,
      metadata: options.metadata,
      signal: cancel.signal,
      sizeHint: meter.sourceTotal,
    });
    return { info, sha256: hasher.sha256!, size: hasher.bytes };
  } catch (error) {
    stopAll(error instanceof Error ? error : new Error(String(error)));
    await Promise.all(stages.map((stage) => stage.exited));
    if (options.signal?.aborted) throw new AbortedError(`Upload of ${options.label ?? options.key} was cancelled; nothing was stored`, { cause: error });
    throw (await stageFailure()) ?? error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}

interface OpenedFile {
  handle: FileHandle;
  size: number;
}

/** An unreadable or missing source is bad input: say which, before starting anything. */
async function checkSource(source: UploadSource): Promise<OpenedFile | undefined> {
  if (source.kind === "stream") return undefined;
  const path = resolve(source.path);
  const what = source.kind === "file" ? "source file" : "source directory";
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new ConfigError(what, `${path} ${describeFsError(cause)}`, { value: source.path, cause });
  }
  if (source.kind === "directory") {
    if (!info.isDirectory()) throw new ConfigError(what, `${path} is not a directory`, { value: source.path, example: "/var/lib/lotus/datastore" });
    await access(path, constants.R_OK | constants.X_OK).catch((cause: unknown) => {
      throw new ConfigError(what, `${path} ${describeFsError(cause)}`, { value: source.path, cause });
    });
    return undefined;
  }
  if (!info.isFile()) throw new ConfigError(what, `${path} is not a regular file`, { value: source.path, example: "/srv/export/snapshot.car" });
  try {
    const handle = await open(path, "r");
    return { handle, size: info.size };
  } catch (cause) {
    throw new ConfigError(what, `${path} ${describeFsError(cause)}`, { value: source.path, cause });
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES" || code === "EPERM") return "is not readable (permission denied)";
  return `cannot be read (${(error as Error).message})`;
}
