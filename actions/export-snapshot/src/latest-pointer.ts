import { joinKey, updateJson, type ObjectStore } from "@chainops/shared/storage";
import type { SnapshotManifest } from "./manifest";

/** `<prefix>/latest.json`: the newest snapshot, for consumers that want one URL to start from. */
export interface LatestPointer {
  network: string;
  key: string;
  url: string;
  manifest: string;
  start_epoch: number;
  end_epoch: number;
  sha256: string;
  compressed_size_bytes: number;
  updated_at: string;
  [field: string]: unknown;
}

export function latestKey(prefix: string): string {
  return joinKey(prefix, "latest.json");
}

/**
 * Moves latest.json forward by CAS, last in the publish order. It never moves backwards (a
 * re-export of an older window leaves it alone) and keeps fields other tools added.
 */
export async function updateLatestPointer(store: ObjectStore, prefix: string, manifest: SnapshotManifest, nowIso: string): Promise<boolean> {
  let moved = false;
  await updateJson<LatestPointer>(store, latestKey(prefix), (current) => {
    if (current && Number(current.end_epoch) >= manifest.end_epoch) return undefined;
    moved = true;
    return {
      ...current,
      network: manifest.network,
      key: manifest.key,
      url: manifest.url,
      manifest: `${manifest.key}.json`,
      start_epoch: manifest.start_epoch,
      end_epoch: manifest.end_epoch,
      sha256: manifest.sha256,
      compressed_size_bytes: manifest.compressed_size_bytes,
      updated_at: nowIso,
    };
  });
  return moved;
}
