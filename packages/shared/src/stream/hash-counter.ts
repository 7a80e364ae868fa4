import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

/** Large buffers: fewer, bigger chunks through the hash and into the store (memory stays a few MiB). */
export const STREAM_HIGH_WATER_MARK = 1 << 20;

/**
 * Passes bytes through unchanged while hashing (sha256) and counting them. `beforeEnd` runs
 * before the stream ends, so a failed upstream stage turns into an error instead of a clean
 * (and truncated) end that a store would commit.
 */
export class HashCounter extends Transform {
  bytes = 0;
  /** Lowercase hex, set when the stream has ended. */
  sha256: string | undefined;
  private readonly hash = createHash("sha256");
  private parts: Buffer[] = [];
  private partBytes = 0;

  constructor(
    private readonly hooks: {
      beforeEnd?: () => Promise<void>;
      onChunk?: () => void;
      /** Fails as soon as more than this many bytes arrive. */
      maxBytes?: number;
      tooLarge?: (bytes: number) => Error;
      /** Count only (no sha256), for the uncompressed side of a pipeline. */
      countOnly?: boolean;
    } = {},
  ) {
    super({ highWaterMark: STREAM_HIGH_WATER_MARK });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.hooks.maxBytes !== undefined && this.bytes > this.hooks.maxBytes) {
      callback(this.hooks.tooLarge?.(this.bytes) ?? new Error(`more than ${this.hooks.maxBytes} bytes`));
      return;
    }
    this.hooks.onChunk?.();
    // Pipes deliver 64 KiB at a time; passing 1 MiB on halves the system time of the writes
    // downstream (file or upload parts) for one extra copy.
    this.parts.push(chunk);
    this.partBytes += chunk.length;
    if (this.partBytes >= STREAM_HIGH_WATER_MARK) this.passOn();
    callback();
  }

  private passOn(): void {
    if (this.partBytes === 0) return;
    const block = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partBytes);
    this.parts = [];
    this.partBytes = 0;
    if (!this.hooks.countOnly) this.hash.update(block);
    this.push(block);
  }

  override _flush(callback: TransformCallback): void {
    const beforeEnd = this.hooks.beforeEnd ?? (async () => undefined);
    beforeEnd().then(
      () => {
        this.passOn();
        this.sha256 = this.hash.digest("hex");
        callback();
      },
      (error: Error) => callback(error),
    );
  }
}
