import type { Logger } from "@chainops/shared";
import { readJson, type ObjectStore } from "@chainops/shared/storage";
import { metadataKey, parseArtifactKey, type HistoryMode } from "./artifact-names";
import { addToBase, readBase, removeFromBase, sameArtifact, type BaseEntry } from "./indexes";
import type { ArtifactMetadata } from "./metadata";

export interface RecoveryResult {
  /** Artifacts an interrupted run had fully written (object verified + metadata) and this run indexed. */
  adopted: string[];
  /** Partial leftovers removed (object without metadata, metadata without object, size mismatch). */
  removed: string[];
  /** base.json entries whose object was gone, dropped from the index. */
  unindexed: string[];
}

/**
 * Makes the store consistent again after a run died half-way (runs under the lease, so nothing
 * of this network+mode is being written meanwhile):
 *  - an artifact with a matching `<artifact>.json` but no base.json entry is finished (indexed);
 *  - an artifact without metadata, a metadata file without its artifact, or a size mismatch is deleted;
 *  - a base.json entry of this network+mode whose object is missing is removed from the index.
 * Pointers and derived documents are rewritten from base.json later in the run.
 */
export async function recoverLeftovers(args: { store: ObjectStore; baseKey: string; network: string; mode: HistoryMode; logger: Logger }): Promise<RecoveryResult> {
  const { store, network, mode, logger } = args;
  const result: RecoveryResult = { adopted: [], removed: [], unindexed: [] };
  const base = await readBase(store, args.baseKey);
  const ours = (entry: BaseEntry) => entry.chain_name === network && entry.history_mode === mode;

  const objects = new Map<string, number>();
  for await (const info of store.list(`${network}/`)) objects.set(info.key, info.size);

  const adopt: ArtifactMetadata[] = [];
  for (const [key, size] of objects) {
    const artifact = parseArtifactKey(key, network, mode);
    if (!artifact) continue;
    if (base.some((entry) => ours(entry) && entry.filename === artifact.filename)) continue;
    const doc = objects.has(metadataKey(key)) ? await readJson<ArtifactMetadata>(store, metadataKey(key)).catch(() => null) : null;
    const metadata = doc?.value;
    const complete =
      metadata &&
      metadata.filename === artifact.filename &&
      metadata.chain_name === network &&
      metadata.history_mode === mode &&
      metadata.filesize_bytes === size &&
      /^[0-9a-f]{64}$/.test(String(metadata.sha256));
    if (complete) {
      adopt.push(metadata);
      result.adopted.push(key);
    } else {
      await store.delete(metadataKey(key));
      await store.delete(key);
      result.removed.push(key);
    }
  }
  // Metadata whose artifact is gone (the artifact delete of a retention pass succeeded first… or never existed).
  for (const key of objects.keys()) {
    if (!key.endsWith(".json")) continue;
    const artifactKeyOf = key.slice(0, -".json".length);
    if (!parseArtifactKey(artifactKeyOf, network, mode) || objects.has(artifactKeyOf)) continue;
    if (base.some((entry) => ours(entry) && `${network}/${entry.filename}` === artifactKeyOf)) continue;
    await store.delete(key);
    result.removed.push(key);
  }
  if (adopt.length) await addToBase(store, args.baseKey, adopt);

  const missing = base.filter((entry) => ours(entry) && !objects.has(`${network}/${entry.filename}`));
  if (missing.length) {
    const gone = await removeFromBase(store, args.baseKey, (entry) => missing.some((m) => sameArtifact(m, entry)));
    for (const entry of gone) {
      await store.delete(metadataKey(`${network}/${entry.filename}`));
      result.unindexed.push(`${network}/${entry.filename}`);
    }
  }

  if (result.adopted.length) logger.info(`Finished publishing what an interrupted run left: ${result.adopted.join(", ")}`);
  if (result.removed.length) logger.warning(`Removed partial leftovers of an interrupted run: ${result.removed.join(", ")}`);
  if (result.unindexed.length) logger.warning(`Dropped index entries whose object is missing: ${result.unindexed.join(", ")}`);
  return result;
}
