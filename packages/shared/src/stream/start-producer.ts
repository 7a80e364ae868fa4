import { Socket } from "node:net";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FileHandle } from "node:fs/promises";
import { UpstreamError } from "../core/errors";
import { formatCommand } from "../exec/run-command";
import { ChildStage } from "./child-stage";
import { HashCounter, STREAM_HIGH_WATER_MARK } from "./hash-counter";
import { fdPositionReader } from "./input-size";
import { closeFds, openEnlargedPipes, type KernelPipe, type PipeReader } from "./kernel-pipes";
import { packArgs, parseTarStderr } from "./tar-args";
import type { CompressAndUploadOptions, UploadSource } from "./types";

/** The running pipeline up to the bytes that get hashed and stored. */
export interface Producer {
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
  /** Stops every stage and closes the output (and with it our end of the pipe). */
  close(): Promise<void>;
}

export interface ProducerTools {
  compressor?: { path: string; args: string[] };
  tar?: string;
  /** The open source file, for source.kind "file". */
  file?: { handle: FileHandle; size: number };
  /** Uncompressed size when known (an estimate for directories). */
  inputSize?: number;
}

/**
 * Below this input size the enlarged pipes are not worth their set-up (a perl start, ~5 ms on an
 * idle machine, far more on a loaded one): Node's default pipes move a few MiB as fast.
 */
export const SMALL_INPUT_BYTES = 8 << 20;

/**
 * Wires source → (tar) → (compressor) with OS pipes wherever Node does not need to see the bytes,
 * and the last stage's output into Node. The hops between processes are enlarged kernel pipes
 * (kernel-pipes.ts) so the compressor runs ahead of the hash; when they cannot be had, Node's
 * default stdio with one warning. Every fd this makes is closed here or by close(), even when a
 * spawn fails.
 */
export async function startProducer(
  source: UploadSource,
  tools: ProducerTools,
  options: CompressAndUploadOptions,
  /** Called when the source side moves (input chunks, tar checkpoints), so progress does not wait for compressed output. */
  onSourceProgress: () => void,
): Promise<Producer> {
  const { compressor, tar, file } = tools;
  const { logger } = options;
  const stopAndWait = (stages: ChildStage[], output: Readable) => async () => {
    for (const stage of stages) stage.stop();
    output.destroy();
    await Promise.all(stages.map((stage) => stage.exited));
  };

  if (source.kind === "file" && !compressor) {
    const output = file!.handle.createReadStream({ highWaterMark: STREAM_HIGH_WATER_MARK, autoClose: false, start: 0 });
    return { output, stages: [], finalInputSize: async () => undefined, description: `uploading ${source.path}`, close: async () => undefined };
  }
  if (source.kind === "stream" && !compressor) {
    return { output: source.stream, stages: [], finalInputSize: async () => undefined, description: "uploading a stream", close: async () => undefined };
  }

  // One pipe per hop between processes, the last one into Node.
  const readers: PipeReader[] = source.kind === "directory" && compressor ? ["child", "node"] : ["node"];
  const pipes = tools.inputSize !== undefined && tools.inputSize < SMALL_INPUT_BYTES ? undefined : await enlargedPipesOrWarn(readers, options);
  const last = pipes?.at(-1);
  // Our copies of the children's ends: closed once they are spawned (or failed to), else the
  // readers would never see EOF. Our own read end becomes the output socket.
  const childEnds = pipes?.flatMap((pipe) => (pipe === last ? [pipe.writeFd] : [pipe.readFd, pipe.writeFd])) ?? [];
  const stdoutOf = (index: number): "pipe" | number => pipes?.[index]!.writeFd ?? "pipe";
  const stages: ChildStage[] = [];
  const compressorStage = (stdin: "pipe" | number, stdout: "pipe" | number) =>
    new ChildStage(compressor!.path, compressor!.args, [stdin, stdout, "pipe"], {
      logger,
      hint: `${compressor!.path} failed while compressing ${source.kind === "stream" ? "the input stream" : source.path}; nothing was stored. Check the compressor installation, memory and the source.`,
    });

  try {
    let wired: Omit<Producer, "output" | "stages" | "close">;
    if (source.kind === "file") {
      // The compressor reads the file itself through the inherited descriptor; its offset is our progress.
      const fd = file!.handle.fd;
      stages.push(compressorStage(fd, stdoutOf(0)));
      const position = fdPositionReader(fd);
      wired = {
        sourceBytes: position,
        finalInputSize: async () => position() ?? (await file!.handle.stat()).size,
        description: `${formatCommand(compressor!.path, compressor!.args)} < ${source.path}`,
      };
    } else if (source.kind === "directory") {
      wired = startPacking(source, tar!, compressor, pipes, stages, compressorStage, options, onSourceProgress);
    } else {
      const stage = compressorStage("pipe", stdoutOf(0));
      stages.push(stage);
      const counter = new HashCounter({ countOnly: true, onChunk: onSourceProgress });
      const relay = pipeline(source.stream, counter, stage.stdin).catch((cause: Error) => {
        // A dead compressor breaks the pipe too; that stage reports itself, this is for a failing source.
        throw new UpstreamError(`Reading the input stream for ${options.label ?? options.key} failed: ${cause.message}`, { cause });
      });
      relay.catch(() => undefined);
      wired = {
        relay,
        sourceBytes: () => counter.bytes,
        finalInputSize: async () => counter.bytes,
        description: `stream | ${formatCommand(compressor!.path, compressor!.args)}`,
      };
    }
    closeFds(childEnds.splice(0));
    const output = last ? new Socket({ fd: last.readFd, readable: true, writable: false }) : stages[0]!.stdout;
    return { ...wired, output, stages, close: stopAndWait(stages, output) };
  } catch (error) {
    for (const stage of stages) stage.stop();
    await Promise.all(stages.map((stage) => stage.exited));
    if (source.kind === "stream") source.stream.destroy();
    closeFds([...childEnds, last?.readFd]);
    throw error;
  }
}

/** tar → (compressor): tar's stdout is the first pipe (or the compressor's stdin socket). */
function startPacking(
  source: Extract<UploadSource, { kind: "directory" }>,
  tar: string,
  compressor: ProducerTools["compressor"],
  pipes: KernelPipe[] | undefined,
  stages: ChildStage[],
  compressorStage: (stdin: "pipe" | number, stdout: "pipe" | number) => ChildStage,
  options: CompressAndUploadOptions,
  onSourceProgress: () => void,
): Omit<Producer, "output" | "stages" | "close"> {
  const dir = resolve(source.path);
  let written: number | undefined;
  let total: number | undefined;
  const args = packArgs(dir, source.exclude);
  const packer = (stdout: ChildStage["stdin"] | "pipe" | number) =>
    new ChildStage(tar, args, ["ignore", stdout, "pipe"], {
      logger: options.logger,
      hint: `tar could not pack ${dir}; nothing was stored. Check that every file is readable and that nothing writes to the directory during the upload.`,
      onStderrLine: (line: string) => {
        const parsed = parseTarStderr(line);
        if (parsed?.written !== undefined) {
          written = parsed.written;
          onSourceProgress();
        }
        if (parsed?.total !== undefined) total = parsed.total;
        return parsed !== undefined;
      },
    });
  const finalInputSize = async () => total ?? written;
  if (!compressor) {
    stages.push(packer(pipes?.[0]!.writeFd ?? "pipe"));
    return { finalInputSize, description: formatCommand(tar, args) };
  }
  // tar writes straight into the compressor: an OS pipe, no copy through Node.
  const [hop, out] = pipes ?? [];
  const stage = compressorStage(hop?.readFd ?? "pipe", out?.writeFd ?? "pipe");
  stages.push(stage);
  stages.push(packer(hop?.writeFd ?? stage.stdin));
  // Without our pipes, tar got the compressor's stdin socket: our copy of it must go, or the
  // compressor would never see EOF.
  if (!hop) stage.stdin.destroy();
  return { sourceBytes: () => written, finalInputSize, description: `${formatCommand(tar, args)} | ${formatCommand(compressor.path, compressor.args)}` };
}

/** Enlarged pipes for the hops, or undefined after one warning that says why and what it costs. */
async function enlargedPipesOrWarn(readers: PipeReader[], options: CompressAndUploadOptions): Promise<KernelPipe[] | undefined> {
  const result = await openEnlargedPipes(readers, { perl: options.bin?.perl, pathEnv: options.pathEnv });
  if ("pipes" in result) return result.pipes;
  options.logger.warning(
    `${options.label ?? options.key}: ${result.unavailable}; using Node's default pipes instead, which makes this upload slower (the compressor waits for the hash)`,
  );
  return undefined;
}
