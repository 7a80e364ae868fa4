import type { Readable } from "node:stream";
import type { Clock } from "../core/clock";
import type { Logger } from "../core/logger";
import type { ObjectInfo, ObjectStore } from "../storage/types";

export type Compression =
  | { kind: "none" }
  | { kind: "lz4"; level?: number }
  | { kind: "zstd"; level?: number; threads?: number; fast?: boolean };

export type UploadSource =
  | { kind: "file"; path: string }
  /** Packed with GNU tar; exclude patterns are tar --exclude globs (e.g. "*.log", "cache/tmp"). */
  | { kind: "directory"; path: string; exclude?: string[] }
  | { kind: "stream"; stream: Readable; size?: number };

/** Where tar/lz4/zstd (and perl) live, when not the ones on PATH. */
export interface StreamBinaries {
  tar?: string;
  lz4?: string;
  zstd?: string;
  /** Sizes the pipes between the stages (kernel-pipes.ts). Optional: without it uploads still work, slower, with a warning. */
  perl?: string;
}

/** One progress sample, for log lines and live bars. */
export interface TransferProgress {
  label: string;
  /** Source bytes consumed so far (uncompressed input of an upload), when the pipeline can tell. */
  sourceBytes?: number;
  /** Expected total of the bytes that drive the ETA (input size on upload, object size on download). */
  sourceTotal?: number;
  /** Bytes through the sha256: stored bytes on upload, downloaded bytes on download. */
  hashedBytes: number;
  elapsedMs: number;
  /** Average rate since the start (source bytes when known, else hashed bytes), bytes per second. */
  bytesPerSecond: number;
  etaMs?: number;
}

/** What both directions take besides their source and destination. */
export interface TransferOptions {
  logger: Logger;
  clock?: Clock;
  /** How often a progress line is logged (default 5000 ms). */
  progressIntervalMs?: number;
  /**
   * Live progress for a terminal bar, called at most every ~200 ms of clock time. When set, the
   * periodic progress lines are left to the caller (only start and finish are logged).
   */
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
  /** Names the transfer in log lines (default: the key, or the destination's name). */
  label?: string;
  bin?: StreamBinaries;
  /** PATH used to find tar/lz4/zstd/perl (default: the process PATH). */
  pathEnv?: string;
}

export interface CompressAndUploadOptions extends TransferOptions {
  source: UploadSource;
  compression: Compression;
  store: ObjectStore;
  key: string;
  contentType?: string;
  /** Custom metadata stored with the object. The sha256 is only known at the end: write it to `<key>.json`. */
  metadata?: Record<string, string>;
  /** Input size for the ETA when the caller knows it (skips the directory walk). */
  expectedInputSize?: number;
}

export interface UploadResult {
  key: string;
  /** Where a consumer downloads it from (store.publicUrl). */
  url: string;
  /** Lowercase hex sha256 of the stored (compressed) bytes. */
  sha256: string;
  /** Stored bytes. */
  size: number;
  /** Bytes before compression (the tar stream for directories). */
  inputSize: number;
  durationMs: number;
  info: ObjectInfo;
}

export interface DownloadAndVerifyOptions extends TransferOptions {
  /** The stored bytes, e.g. from store.get(key). */
  source: Readable;
  /**
   * The published sha256. null only for objects that never had one (legacy archives, an explicit
   * opt-in by the caller): then the size and the decompressor's own checks are all that is verified.
   */
  expectedSha256: string | null;
  expectedSize?: number;
  decompression: Compression["kind"];
  /** A file is written beside its final path and renamed into place; a directory is extracted with tar -x. */
  destination: { kind: "file"; path: string } | { kind: "directory"; path: string };
}

export interface DownloadResult {
  sha256: string;
  /** Bytes read from the source (stored bytes). */
  size: number;
  durationMs: number;
}
