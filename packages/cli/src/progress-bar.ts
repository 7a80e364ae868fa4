import { formatBytes, formatDuration } from "@chainops/shared/config";
import type { TransferProgress } from "@chainops/shared/stream";
import type { CliContext } from "./command";

/**
 * One line redrawn in place: `label [#######-------]  45%  1.2 GiB/2.7 GiB  250.0 MB/s  ETA 12s`.
 * Without a known total it shows bytes and rate only.
 */
export function renderProgressBar(progress: TransferProgress, columns = 80): string {
  const done = progress.sourceBytes ?? progress.hashedBytes;
  const rate = `${(progress.bytesPerSecond / 1e6).toFixed(1)} MB/s`;
  const eta = progress.etaMs === undefined ? "" : `  ETA ${formatDuration(progress.etaMs)}`;
  if (!progress.sourceTotal) return fit(`${progress.label}  ${formatBytes(done)}  ${rate}`, columns);
  const fraction = Math.min(1, done / progress.sourceTotal);
  const tail = `${String(Math.floor(fraction * 100)).padStart(3)}%  ${formatBytes(done)}/${formatBytes(progress.sourceTotal)}  ${rate}${eta}`;
  const label = progress.label.length > 30 ? `…${progress.label.slice(-29)}` : progress.label;
  const width = Math.max(10, Math.min(40, columns - label.length - tail.length - 5));
  const filled = Math.round(fraction * width);
  return fit(`${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${tail}`, columns);
}

function fit(line: string, columns: number): string {
  return line.length < columns ? line : line.slice(0, Math.max(0, columns - 1));
}

/**
 * Runs a transfer with a live bar on stderr when it is a terminal that reports its width;
 * elsewhere with no callback, so the pipeline logs plain progress lines. The bar's line is ended
 * before this returns or throws, so the caller's report or the error starts on a line of its own.
 */
export async function withProgressBar<T>(context: Pick<CliContext, "terminal">, operation: (onProgress?: (progress: TransferProgress) => void) => Promise<T>): Promise<T> {
  const { terminal } = context;
  if (!terminal.interactive) return operation(undefined);
  try {
    return await operation((progress) => terminal.drawBar(renderProgressBar(progress, terminal.columns)));
  } finally {
    terminal.endBar();
  }
}
