import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Clock, Logger } from "@chainops/shared";
import { formatBytes } from "@chainops/shared/config";
import { ProgressMeter, type TransferProgress } from "@chainops/shared/stream";
import { newestCarFor } from "./snapshot-names";

/** How often the CAR's size is read (real time; lines and the bar follow the injected clock). */
const POLL_MS = 1000;

export interface ExportProgressOptions {
  /** Where Lotus writes the CAR. */
  dir: string;
  /** The heights Lotus names the file after: snapshot_<tail>_<head>_<unix>.car */
  tail: number;
  head: number;
  /** The previous window's CAR size, for the ETA (windows are about the same size). */
  expectedBytes?: number;
  logger: Logger;
  clock: Clock;
  /** The CLI's live bar; without it, a log line every few seconds. */
  onProgress?: (progress: TransferProgress) => void;
  intervalMs?: number;
}

/**
 * While ChainExportRangeInternal runs (an hour on mainnet, and the RPC says nothing until the
 * end), follows the CAR Lotus is writing: its size, the rate and, from the previous window's
 * size, an ETA — as log lines or the CLI's bar, through the same meter uploads use.
 */
export function followExport(options: ExportProgressOptions): { finish(): void; stop(): void } {
  const label = `Lotus export ${options.tail}–${options.head}`;
  const meter = new ProgressMeter({ label, logger: options.logger, clock: options.clock, intervalMs: options.intervalMs, onProgress: options.onProgress, hashedVerb: "written" });
  meter.sourceTotal = options.expectedBytes;
  options.logger.info(
    options.expectedBytes
      ? `${label}: the ETA assumes about the size of the previous window's CAR (${formatBytes(options.expectedBytes)})`
      : `${label}: no earlier window with a manifest, so no ETA (size and rate only)`,
  );
  let reading = false;
  const poll = setInterval(() => {
    if (reading) return;
    reading = true;
    carSize(options.dir, options.tail, options.head)
      .then((size) => {
        if (size !== undefined) meter.hashedBytes = size;
        meter.tick();
      })
      .finally(() => (reading = false));
  }, POLL_MS);
  poll.unref();
  return {
    finish: () => {
      clearInterval(poll);
      meter.finish();
    },
    stop: () => {
      clearInterval(poll);
      meter.stop();
    },
  };
}

/** Size of the CAR Lotus is writing; undefined until it creates the file. */
async function carSize(dir: string, tail: number, head: number): Promise<number | undefined> {
  const newest = newestCarFor(await readdir(dir).catch(() => []), tail, head);
  return newest ? stat(join(dir, newest.file)).then((s) => s.size, () => undefined) : undefined;
}
