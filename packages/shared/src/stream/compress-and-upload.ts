import { constants } from "node:fs";
import { access, open, stat, type FileHandle } from "node:fs/promises";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { systemClock } from "../core/clock";
import { AbortedError, ConfigError, IntegrityError, UpstreamError } from "../core/errors";
import { formatCommand } from "../exec/run-command";
import { formatBytes } from "../config/size";
import { formatDuration } from "../config/duration";
import { checkKey } from "../storage/keys";
import type { ObjectInfo } from "../storage/types";
import { ChildStage } from "./child-stage";
import { compressArgs, resolveTool } from "./compressors";
import { HashCounter, STREAM_HIGH_WATER_MARK } from "./hash-counter";
import { estimateTarSize, fdPositionReader } from "./input-size";
import { ProgressMeter } from "./progress";
import { ensureGnuTar, packArgs, parseTarStderr } from "./tar-args";
import type { CompressAndUploadOptions, UploadResult, UploadSource } from "./types";

/** The running pipeline up to the bytes that get hashed and stored. */
interface Producer {
  /** What goes to the hash and the store. */
  output: Readable;
  /** Child processes, most downstream first (their failure explains the ones upstream). */
  stages: ChildStage[];
  /** Node-side copy of a stream source into the compressor, if any. */
  relay?: Promise<void>;
  /** Uncompressed bytes consumed so far, when measurable. */
  sourceBytes?: () => number | undefined;
  /** Uncompressed size at the end; undefined means "same as the hashed bytes". */
  finalInputSize: () => Promise<number | undefined>;
  description: string;
  close(): Promise<void>;
}

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
    producer = startProducer(source, file, compressor, tar, options, () => meter?.tick());
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

/** Wires source → (tar) → (compressor) with OS pipes wherever Node does not need to see the bytes. */
function startProducer(
  source: UploadSource,
  file: OpenedFile | undefined,
  compressor: { path: string; args: string[] } | undefined,
  tar: string | undefined,
  options: CompressAndUploadOptions,
  /** Called when the source side moves (input chunks, tar checkpoints), so progress does not wait for compressed output. */
  onSourceProgress: () => void,
): Producer {
  const { logger } = options;
  const compressorStage = (stdin: "pipe" | number) =>
    new ChildStage(compressor!.path, compressor!.args, [stdin, "pipe", "pipe"], {
      logger,
      hint: `${compressor!.path} failed while compressing ${describeSource(source)}; nothing was stored. Check the compressor installation, memory and the source.`,
    });
  const closeNothing = async () => undefined;

  if (source.kind === "file") {
    const fd = file!.handle.fd;
    if (!compressor) {
      return {
        output: file!.handle.createReadStream({ highWaterMark: STREAM_HIGH_WATER_MARK, autoClose: false, start: 0 }),
        stages: [],
        finalInputSize: async () => undefined,
        description: `uploading ${source.path}`,
        close: closeNothing,
      };
    }
    // The compressor reads the file itself through the inherited descriptor; its offset is our progress.
    const stage = compressorStage(fd);
    const position = fdPositionReader(fd);
    return {
      output: stage.stdout,
      stages: [stage],
      sourceBytes: position,
      finalInputSize: async () => position() ?? (await file!.handle.stat()).size,
      description: `${formatCommand(compressor.path, compressor.args)} < ${source.path}`,
      close: async () => { stage.stop(); await stage.exited; },
    };
  }

  if (source.kind === "directory") {
    const dir = resolve(source.path);
    let written: number | undefined;
    let total: number | undefined;
    const args = packArgs(dir, source.exclude);
    const packHint = `tar could not pack ${dir}; nothing was stored. Check that every file is readable and that nothing writes to the directory during the upload.`;
    const onStderrLine = (line: string) => {
      const parsed = parseTarStderr(line);
      if (parsed?.written !== undefined) {
        written = parsed.written;
        onSourceProgress();
      }
      if (parsed?.total !== undefined) total = parsed.total;
      return parsed !== undefined;
    };
    const finalInputSize = async () => total ?? written;
    if (!compressor) {
      const packer = new ChildStage(tar!, args, ["ignore", "pipe", "pipe"], { logger, hint: packHint, onStderrLine });
      return {
        output: packer.stdout,
        stages: [packer],
        finalInputSize,
        description: formatCommand(tar!, args),
        close: async () => { packer.stop(); await packer.exited; },
      };
    }
    // tar writes straight into the compressor's stdin: an OS pipe, no copy through Node.
    const stage = compressorStage("pipe");
    const packer = new ChildStage(tar!, args, ["ignore", stage.stdin, "pipe"], { logger, hint: packHint, onStderrLine });
    // Our copy of the pipe's write end must go, or the compressor would never see EOF.
    stage.stdin.destroy();
    return {
      output: stage.stdout,
      stages: [stage, packer],
      sourceBytes: () => written,
      finalInputSize,
      description: `${formatCommand(tar!, args)} | ${formatCommand(compressor.path, compressor.args)}`,
      close: async () => {
        stage.stop();
        packer.stop();
        await Promise.all([stage.exited, packer.exited]);
      },
    };
  }

  if (!compressor) {
    return { output: source.stream, stages: [], finalInputSize: async () => undefined, description: "uploading a stream", close: closeNothing };
  }
  const stage = compressorStage("pipe");
  const counter = new HashCounter({ countOnly: true, onChunk: onSourceProgress });
  const relay = pipeline(source.stream, counter, stage.stdin).catch((cause: Error) => {
    // A dead compressor breaks the pipe too; that stage reports itself, this is for a failing source.
    throw new UpstreamError(`Reading the input stream for ${options.label ?? options.key} failed: ${cause.message}`, { cause });
  });
  relay.catch(() => undefined);
  return {
    output: stage.stdout,
    stages: [stage],
    relay,
    sourceBytes: () => counter.bytes,
    finalInputSize: async () => counter.bytes,
    description: `stream | ${formatCommand(compressor.path, compressor.args)}`,
    close: async () => {
      stage.stop();
      await stage.exited;
    },
  };
}

function describeSource(source: UploadSource): string {
  return source.kind === "stream" ? "the input stream" : source.path;
}
