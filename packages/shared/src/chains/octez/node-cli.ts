import { UpstreamError } from "../../core/errors";
import type { Logger } from "../../core/logger";
import { runCommand } from "../../exec/run-command";
import { isBlockHash } from "./rpc-types";

/** `octez-node snapshot info --json`: {"snapshot_header": {version, chain_name, mode, block_hash, level, timestamp}}. */
export interface SnapshotInfo {
  version: number;
  chain_name: string;
  /** "rolling", "full", "archive" or the object form {"rolling": {...}} some versions print. */
  mode: unknown;
  block_hash: string;
  level: number;
  timestamp: string;
}

export interface OctezNodeCliOptions {
  /** Absolute path of octez-node (resolve it with findExecutable first). */
  binary: string;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Default 12 h: exporting a large store takes long. */
  timeoutMs?: number;
}

/** Wraps the octez-node snapshot commands; argument arrays only, never a shell. */
export class OctezNodeCli {
  constructor(private readonly options: OctezNodeCliOptions) {}

  get binary(): string {
    return this.options.binary;
  }

  /** octez-node snapshot export --block <hash> [--rolling] --data-dir <dir> <file> */
  async exportSnapshot(args: { block: string; rolling: boolean; dataDir: string; file: string }): Promise<void> {
    checkHash(args.block);
    const argv = ["snapshot", "export", "--block", args.block, ...(args.rolling ? ["--rolling"] : []), "--data-dir", args.dataDir, args.file];
    await this.run(argv, "Check that data-dir holds an octez-node store that has this block, that no other export runs on it, and that the disk has room.");
  }

  /** octez-node snapshot info --json <file> */
  async snapshotInfo(file: string): Promise<SnapshotInfo> {
    const { stdout } = await runCommand(this.options.binary, ["snapshot", "info", "--json", file], {
      logger: this.options.logger,
      env: this.options.env,
      signal: this.options.signal,
      timeoutMs: 10 * 60_000,
      captureStdout: true,
      hint: "The snapshot file may be truncated or from an incompatible octez-node version.",
    });
    return parseSnapshotInfo(stdout, file);
  }

  /** octez-node snapshot import <file> --data-dir <dir> [--block <hash>] */
  async importSnapshot(args: { file: string; dataDir: string; block?: string }): Promise<void> {
    if (args.block) checkHash(args.block);
    const argv = ["snapshot", "import", args.file, "--data-dir", args.dataDir, ...(args.block ? ["--block", args.block] : [])];
    await this.run(argv, "The snapshot did not import: it may be corrupt, for another network, or the data dir is not empty.");
  }

  private async run(args: string[], hint: string): Promise<void> {
    await runCommand(this.options.binary, args, {
      logger: this.options.logger,
      env: this.options.env,
      signal: this.options.signal,
      timeoutMs: this.options.timeoutMs ?? 12 * 3_600_000,
      stdoutTo: "info",
      hint,
    });
  }
}

export function parseSnapshotInfo(stdout: string, file: string): SnapshotInfo {
  let parsed: { snapshot_header?: Partial<SnapshotInfo> };
  try {
    parsed = JSON.parse(stdout) as { snapshot_header?: Partial<SnapshotInfo> };
  } catch (cause) {
    throw new UpstreamError(`octez-node snapshot info --json ${file} did not print JSON: ${stdout.slice(0, 160)}`, { cause });
  }
  const header = parsed.snapshot_header;
  if (!header || typeof header.version !== "number" || typeof header.level !== "number" || typeof header.block_hash !== "string") {
    throw new UpstreamError(`octez-node snapshot info --json ${file} printed no snapshot_header with version, level and block_hash`, {
      hint: "Is octez-node recent enough (v13+) to print snapshot info as JSON?",
    });
  }
  return {
    version: header.version,
    chain_name: String(header.chain_name ?? ""),
    mode: header.mode,
    block_hash: header.block_hash,
    level: header.level,
    timestamp: String(header.timestamp ?? ""),
  };
}

function checkHash(hash: string): void {
  if (!isBlockHash(hash)) throw new UpstreamError(`Refusing to pass ${JSON.stringify(hash)} to octez-node: not a block hash`);
}
