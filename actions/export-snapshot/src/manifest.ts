import { UpstreamError } from "@chainops/shared";

/**
 * The metadata JSON written beside each snapshot as `<object key>.json` (chainops' addition to the
 * archive). `sha256` and `compressed_size_bytes` are what `chainops store verify` checks.
 */
export interface SnapshotManifest {
  kind: "filecoin-archival-snapshot";
  network: string;
  /** The window's start: the name's first epoch, even when the tail tipset is earlier (null rounds). */
  start_epoch: number;
  /** Height of the head tipset exported (window end + overlap, or earlier across null rounds). */
  end_epoch: number;
  tail_epoch: number;
  head_tipset_key: string[];
  tail_tipset_key: string[];
  key: string;
  url: string;
  compression: string;
  sha256: string;
  compressed_size_bytes: number;
  uncompressed_size_bytes: number;
  lotus_version: string;
  created_at: string;
  timings: { export_seconds: number; upload_seconds: number; total_seconds: number };
}

export function manifestKey(objectKey: string): string {
  return `${objectKey}.json`;
}

/** Checks the fields chainops relies on; a manifest that lacks them is an error naming its key. */
export function checkManifest(value: unknown, key: string): SnapshotManifest {
  const m = value as Partial<SnapshotManifest> | null;
  const problems: string[] = [];
  if (!m || typeof m !== "object") problems.push("not an object");
  else {
    for (const field of ["start_epoch", "end_epoch", "compressed_size_bytes", "uncompressed_size_bytes"] as const) {
      if (!Number.isSafeInteger(m[field]) || (m[field] as number) < 0) problems.push(`${field} is not a non-negative integer`);
    }
    if (typeof m.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(m.sha256)) problems.push("sha256 is not 64 lowercase hex digits");
    if (typeof m.key !== "string") problems.push("key is missing");
  }
  if (problems.length) {
    throw new UpstreamError(`Manifest ${key} is malformed: ${problems.join(", ")}`, { hint: "Fix or delete the manifest; without it the snapshot is treated as an unfinished upload." });
  }
  return m as SnapshotManifest;
}
