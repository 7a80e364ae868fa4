/**
 * Names of archival snapshots, as Lotus writes them and as the public archive
 * (gs://fil-mainnet-archival-snapshots/historical-exports/) publishes them:
 * snapshot_<start epoch>_<end epoch>_<unix seconds>.car[.zst]
 */
export interface SnapshotName {
  start: number;
  end: number;
  /** When Lotus began writing it (Unix seconds). */
  unix: number;
}

const NAME = /^snapshot_(\d+)_(\d+)_(\d+)\.car(\.zst)?$/;

/** Parses the last path segment of a key or path; null for anything that is not a snapshot. */
export function parseSnapshotName(keyOrPath: string): (SnapshotName & { compressed: boolean }) | null {
  const base = keyOrPath.split("/").pop() ?? "";
  const match = NAME.exec(base);
  if (!match) return null;
  const [start, end, unix] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null;
  return { start, end, unix, compressed: match[4] !== undefined };
}

export function snapshotFileName(name: SnapshotName, compressed: boolean): string {
  return `snapshot_${name.start}_${name.end}_${name.unix}.car${compressed ? ".zst" : ""}`;
}

/** The newest uncompressed CAR Lotus wrote for these tipset heights (snapshot_<tail>_<head>_<unix>.car), among file names. */
export function newestCarFor(files: readonly string[], tail: number, head: number): { file: string; unix: number } | undefined {
  let newest: { file: string; unix: number } | undefined;
  for (const file of files) {
    const name = parseSnapshotName(file);
    if (!name || name.compressed || name.start !== tail || name.end !== head) continue;
    if (!newest || name.unix > newest.unix) newest = { file, unix: name.unix };
  }
  return newest;
}
