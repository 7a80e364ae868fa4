import type { OctezVersion } from "@chainops/shared/chains/octez";
import type { ArtifactType, HistoryMode } from "./artifact-names";

/** tezos_version of the metadata: the node that produced the artifact, from GET /version. */
export interface TezosVersion {
  implementation: "octez";
  version: { major: number; minor: number; additional_info: unknown };
  commit_info: { commit_hash: string; commit_date: string };
}

/** One artifact's metadata: `<artifact>.json` and one entry of base.json / tezos-snapshots.json. */
export interface ArtifactMetadata {
  block_hash: string;
  block_height: number;
  /** Timestamp of the artifact's own block (ISO 8601, UTC). */
  block_timestamp: string;
  filename: string;
  url: string;
  /** sha256 of the stored bytes (the compressed tarball), as a downloader checks it. */
  sha256: string;
  filesize_bytes: number;
  filesize: string;
  chain_name: string;
  history_mode: HistoryMode;
  artifact_type: ArtifactType;
  tezos_version: TezosVersion;
  /** Octez snapshot format version; only for `.rolling` snapshots. */
  snapshot_version?: number;
}

export function tezosVersionOf(version: OctezVersion): TezosVersion {
  return {
    implementation: "octez",
    version: { major: version.version.major, minor: version.version.minor, additional_info: version.version.additional_info },
    // commit_info is nullable in the RPC; the metadata always has the object.
    commit_info: {
      commit_hash: version.commit_info?.commit_hash ?? "unknown",
      commit_date: version.commit_info?.commit_date ?? "unknown",
    },
  };
}

const UNITS = ["K", "M", "G", "T", "P"];

/**
 * Size as `du -h` prints it: 1024-based, rounded up, one decimal below 10 ("3.2G", "51M", "6G").
 * Rounding up means the number never promises less disk than the file needs.
 */
export function humanFileSize(bytes: number): string {
  let value = Math.max(0, bytes) / 1024;
  for (let unit = 0; ; unit++) {
    const shown = value < 10 ? Math.ceil(value * 10) / 10 : Math.ceil(value);
    if (shown < 1024 || unit === UNITS.length - 1) return `${Number.isInteger(shown) ? shown : shown.toFixed(1)}${UNITS[unit]}`;
    value /= 1024;
  }
}

export interface BuildMetadataArgs {
  block: { hash: string; level: number; timestamp: string };
  filename: string;
  url: string;
  sha256: string;
  size: number;
  network: string;
  historyMode: HistoryMode;
  artifactType: ArtifactType;
  version: OctezVersion;
  snapshotVersion?: number;
}

export function buildMetadata(args: BuildMetadataArgs): ArtifactMetadata {
  const metadata: ArtifactMetadata = {
    block_hash: args.block.hash,
    block_height: args.block.level,
    block_timestamp: normalizeTimestamp(args.block.timestamp),
    filename: args.filename,
    url: args.url,
    sha256: args.sha256,
    filesize_bytes: args.size,
    filesize: humanFileSize(args.size),
    chain_name: args.network,
    history_mode: args.historyMode,
    artifact_type: args.artifactType,
    tezos_version: tezosVersionOf(args.version),
  };
  if (args.artifactType === "tezos-snapshot" && args.snapshotVersion !== undefined) metadata.snapshot_version = args.snapshotVersion;
  return metadata;
}

/** "2026-01-01T00:00:00Z" whatever offset the node printed. */
export function normalizeTimestamp(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
