import { ConfigError } from "../core/errors";
import { findExecutable } from "../exec/find-executable";
import type { Compression, StreamBinaries } from "./types";

/** The tools a pipeline cannot do without (perl only speeds it up: see kernel-pipes.ts). */
export type StreamTool = Exclude<keyof StreamBinaries, "perl">;

const INSTALL_HINTS: Record<StreamTool, string> = {
  tar: "Install GNU tar (apt-get install -y tar; on macOS brew install gnu-tar and pass its path as the tar binary).",
  lz4: "Install lz4 (apt-get install -y lz4, or brew install lz4) or pass the full path of the lz4 binary.",
  zstd: "Install zstd (apt-get install -y zstd, or brew install zstd) or pass the full path of the zstd binary.",
};

/** lz4's block size flag: -B4 64 KiB … -B7 4 MiB. */
const LZ4_BLOCK_SIZE = "-B5";

/** Resolves a tool to an absolute path up front, so a missing one fails before anything is written. */
export function resolveTool(tool: StreamTool, bin: StreamBinaries | undefined, pathEnv: string | undefined): string {
  return findExecutable(bin?.[tool] ?? tool, { input: `${tool} binary`, pathEnv, installHint: INSTALL_HINTS[tool] });
}

/** Arguments that compress stdin to stdout. Validates levels so a typo is a ConfigError, not a CLI usage error. */
export function compressArgs(compression: Exclude<Compression, { kind: "none" }>): string[] {
  if (compression.kind === "lz4") {
    const level = compression.level === undefined ? [] : [`-${checkInt(compression.level, 1, 12, "compression level (lz4)", "1 (fastest) … 12 (smallest)")}`];
    // 256 KiB blocks (-B5, default 4 MiB): lz4 writes each block in one write(), so small blocks
    // fit the enlarged pipe and lz4 runs ahead of the hash. Same speed, output as small, any lz4 -d reads it.
    return ["-q", "-c", LZ4_BLOCK_SIZE, ...level];
  }
  const threads = checkInt(compression.threads ?? 0, 0, 256, "compression threads (zstd)", "0 (one per core) or 4");
  let level: string[] = [];
  if (compression.fast) {
    level = compression.level === undefined ? ["--fast"] : [`--fast=${checkInt(compression.level, 1, 100, "compression level (zstd --fast)", "1 … 100")}`];
  } else if (compression.level !== undefined) {
    const value = checkInt(compression.level, 1, 22, "compression level (zstd)", "3 (default) or 19");
    level = value > 19 ? ["--ultra", `-${value}`] : [`-${value}`];
  }
  return ["-q", "-c", ...level, `-T${threads}`];
}

/** Arguments that decompress stdin to stdout. */
export function decompressArgs(): string[] {
  return ["-d", "-q", "-c"];
}

function checkInt(value: number, min: number, max: number, input: string, example: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(input, `must be a whole number from ${min} to ${max}`, { value, example });
  }
  return value;
}
