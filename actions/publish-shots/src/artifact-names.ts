import { joinKey } from "@chainops/shared/storage";

/** What the operator asks for (input `artifacts`). */
export type ArtifactKind = "rolling-snapshot" | "tarball";
/** What the metadata calls it (`artifact_type`). */
export type ArtifactType = "tezos-snapshot" | "tarball";
export type HistoryMode = "rolling" | "archive";

export const ARTIFACT_KINDS: readonly ArtifactKind[] = ["rolling-snapshot", "tarball"];
export const HISTORY_MODES: readonly HistoryMode[] = ["rolling", "archive"];

export function artifactTypeOf(kind: ArtifactKind): ArtifactType {
  return kind === "rolling-snapshot" ? "tezos-snapshot" : "tarball";
}

/** `<network>-<level>.rolling`, as octez-node users expect a rolling snapshot to be called. */
export function rollingSnapshotName(network: string, level: number): string {
  return `${network}-${level}.rolling`;
}

/** `tezos-<network>-<mode>-tarball-<level>.lz4` */
export function tarballName(network: string, mode: HistoryMode, level: number): string {
  return `tezos-${network}-${mode}-tarball-${level}.lz4`;
}

export function artifactFilename(kind: ArtifactKind, network: string, mode: HistoryMode, level: number): string {
  return kind === "rolling-snapshot" ? rollingSnapshotName(network, level) : tarballName(network, mode, level);
}

/**
 * Objects of one network live under `<network>/`: the artifact, and `<artifact>.json` beside it
 * (the metadata `chainops store verify` checks the artifact against).
 */
export function artifactKey(network: string, filename: string): string {
  return joinKey(network, filename);
}

export function metadataKey(artifactKey: string): string {
  return `${artifactKey}.json`;
}

/**
 * Which of our artifact files a key is, for one network and history mode (used to find leftovers
 * of an interrupted run). Only names this network+mode can produce match, so a run never
 * touches what another lease holder is writing.
 */
export function parseArtifactKey(key: string, network: string, mode: HistoryMode): { kind: ArtifactKind; level: number; filename: string } | undefined {
  const prefix = `${network}/`;
  if (!key.startsWith(prefix)) return undefined;
  const filename = key.slice(prefix.length);
  const escaped = network.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const tarball = new RegExp(`^tezos-${escaped}-${mode}-tarball-(\\d+)\\.lz4$`).exec(filename);
  if (tarball) return { kind: "tarball", level: Number(tarball[1]), filename };
  const rolling = mode === "rolling" ? new RegExp(`^${escaped}-(\\d+)\\.rolling$`).exec(filename) : null;
  if (rolling) return { kind: "rolling-snapshot", level: Number(rolling[1]), filename };
  return undefined;
}
