import { readJson, type ObjectInfo, type ObjectStore } from "@chainops/shared/storage";
import type { Logger } from "@chainops/shared";
import { checkManifest, manifestKey, type SnapshotManifest } from "./manifest";
import { parseSnapshotName, type SnapshotName } from "./snapshot-names";

/** Object metadata marking uploads made by this action: one of ours without a manifest is unfinished. */
export const PRODUCER_METADATA = { "chainops-producer": "export-snapshot" };

export interface CatalogEntry {
  key: string;
  name: SnapshotName;
  size: number;
  hasManifest: boolean;
}

export interface PublishedSnapshot {
  key: string;
  start: number;
  end: number;
  size: number;
  /** Absent for snapshots from before manifests (understood from their names). */
  manifest?: SnapshotManifest;
}

/** One listing of `<prefix>/`: every snapshot object, and whether its manifest is beside it. */
export async function listSnapshots(store: ObjectStore, prefix: string): Promise<CatalogEntry[]> {
  const objects = new Map<string, ObjectInfo>();
  for await (const info of store.list(prefix ? `${prefix}/` : "")) objects.set(info.key, info);
  const entries: CatalogEntry[] = [];
  for (const [key, info] of objects) {
    const name = parseSnapshotName(key);
    if (!name?.compressed || key.slice(prefix ? prefix.length + 1 : 0).includes("/")) continue;
    entries.push({ key, name, size: info.size, hasManifest: objects.has(manifestKey(key)) });
  }
  return entries;
}

/**
 * The published snapshots, newest first by `by`, resolved until `want` are found. A snapshot
 * with a manifest is taken at its manifest's word; one without is either from the archive before
 * manifests (taken by its name) or an upload of ours that never got its manifest (skipped: the
 * window will be exported again).
 */
export async function newestPublished(
  store: ObjectStore,
  entries: CatalogEntry[],
  options: { by: "start" | "end"; want?: number; logger: Logger },
): Promise<PublishedSnapshot[]> {
  const want = options.want ?? 1;
  const sorted = [...entries].sort((a, b) => b.name[options.by] - a.name[options.by] || b.name.unix - a.name.unix);
  const found: PublishedSnapshot[] = [];
  for (const entry of sorted) {
    if (found.length >= want) break;
    if (entry.hasManifest) {
      const doc = await readJson(store, manifestKey(entry.key));
      if (!doc) continue;
      const manifest = checkManifest(doc.value, manifestKey(entry.key));
      found.push({ key: entry.key, start: manifest.start_epoch, end: manifest.end_epoch, size: entry.size, manifest });
      continue;
    }
    const info = await store.head(entry.key);
    if (!info) continue;
    if (info.metadata["chainops-producer"] === PRODUCER_METADATA["chainops-producer"]) {
      options.logger.warning(`${entry.key} was uploaded by an interrupted run and has no manifest; it is ignored and its window will be exported again.`);
      continue;
    }
    found.push({ key: entry.key, start: entry.name.start, end: entry.name.end, size: entry.size });
  }
  return found;
}
