import type { Clock } from "../core/clock";
import type { Logger } from "../core/logger";
import { formatDuration } from "../config/duration";
import { formatBytes } from "../config/size";
import type { TransferProgress } from "./types";

const DEFAULT_LINE_INTERVAL_MS = 5000;
const BAR_INTERVAL_MS = 200;

export interface ProgressMeterOptions {
  label: string;
  logger: Logger;
  clock: Clock;
  intervalMs?: number;
  onProgress?: (progress: TransferProgress) => void;
  /** Source bytes consumed so far, when the pipeline can tell (else the hashed bytes drive the rate). */
  sourceBytes?: () => number | undefined;
  /** What the hashed bytes are, in the line: "stored" or "downloaded". */
  hashedVerb: string;
}

/**
 * Progress for long transfers: a log line every few seconds (bytes, MB/s, ETA) or, when the
 * caller draws a live bar, a callback. Driven by chunks and by a real-time tick for stalls;
 * both read the injected clock, so tests control exactly when a line is due.
 */
export class ProgressMeter {
  private readonly started: number;
  private lastLine: number;
  private lastBar = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  hashedBytes = 0;
  sourceTotal: number | undefined;

  constructor(private readonly options: ProgressMeterOptions) {
    this.started = options.clock.now();
    this.lastLine = this.started;
    const period = Math.min(options.intervalMs ?? DEFAULT_LINE_INTERVAL_MS, 1000);
    this.timer = setInterval(() => this.tick(), options.onProgress ? BAR_INTERVAL_MS : period);
    this.timer.unref();
  }

  /** Call on every chunk: cheap unless a line or bar update is due. */
  tick(): void {
    const now = this.options.clock.now();
    if (this.options.onProgress) {
      if (now - this.lastBar >= BAR_INTERVAL_MS) {
        this.lastBar = now;
        this.options.onProgress(this.sample(now));
      }
      return;
    }
    if (now - this.lastLine >= (this.options.intervalMs ?? DEFAULT_LINE_INTERVAL_MS)) {
      this.lastLine = now;
      this.options.logger.info(describeProgress(this.sample(now), this.options.hashedVerb));
    }
  }

  sample(now = this.options.clock.now()): TransferProgress {
    const elapsedMs = Math.max(0, now - this.started);
    const sourceBytes = this.options.sourceBytes?.();
    const driver = sourceBytes ?? this.hashedBytes;
    const bytesPerSecond = elapsedMs > 0 ? (driver * 1000) / elapsedMs : 0;
    const total = this.sourceTotal;
    const etaMs = total !== undefined && bytesPerSecond > 0 && driver <= total ? ((total - driver) * 1000) / bytesPerSecond : undefined;
    return { label: this.options.label, sourceBytes, sourceTotal: total, hashedBytes: this.hashedBytes, elapsedMs, bytesPerSecond, etaMs };
  }

  /** The last sample for a live bar (a bar should end at 100 %); lines need nothing more. */
  finish(): void {
    this.stop();
    this.options.onProgress?.(this.sample());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** "chain.tar.lz4: 1.2 GiB of 4 GiB (30%), 700 MiB stored, 250.1 MB/s, ETA 12s" */
export function describeProgress(progress: TransferProgress, hashedVerb: string): string {
  const source = progress.sourceBytes ?? progress.hashedBytes;
  const parts = [formatBytes(source)];
  if (progress.sourceTotal !== undefined && progress.sourceTotal > 0) {
    const percent = Math.min(99, Math.floor((source / progress.sourceTotal) * 100));
    parts[0] += ` of ${formatBytes(progress.sourceTotal)} (${percent}%)`;
  }
  if (progress.sourceBytes !== undefined) parts.push(`${formatBytes(progress.hashedBytes)} ${hashedVerb}`);
  parts.push(`${(progress.bytesPerSecond / 1e6).toFixed(1)} MB/s`);
  if (progress.etaMs !== undefined) parts.push(`ETA ${formatDuration(progress.etaMs)}`);
  return `${progress.label}: ${parts.join(", ")}`;
}
