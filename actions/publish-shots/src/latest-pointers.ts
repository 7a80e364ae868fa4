import type { Logger } from "@chainops/shared";
import { joinKey, readJson, updateJson, type ObjectStore } from "@chainops/shared/storage";
import { artifactKey, metadataKey, type ArtifactType, type HistoryMode } from "./artifact-names";
import type { BaseEntry } from "./indexes";

/**
 * The "latest" names consumers use, as xtz-shots has them: on S3 website-redirect objects
 * `<network>/<name>`, everywhere a pointer document `<network>/latest/<name>.json`.
 */
export const POINTER_NAMES: Record<HistoryMode, Partial<Record<ArtifactType, { artifact: string; metadata: string }>>> = {
  rolling: {
    "tezos-snapshot": { artifact: "rolling", metadata: "rolling-snapshot-metadata" },
    tarball: { artifact: "rolling-tarball", metadata: "rolling-tarball-metadata" },
  },
  archive: {
    tarball: { artifact: "archive-tarball", metadata: "archive-tarball-metadata" },
  },
};

export interface LatestPointer {
  name: string;
  /** Object key the pointer names. */
  target_key: string;
  url: string;
  filename: string;
  sha256?: string;
  block_hash: string;
  block_height: number;
  block_timestamp: string;
}

export function pointerKey(network: string, name: string): string {
  return joinKey(network, "latest", `${name}.json`);
}

export interface UpdatePointersArgs {
  store: ObjectStore;
  network: string;
  mode: HistoryMode;
  /** base.json entries of this network and mode (already verified objects). */
  entries: BaseEntry[];
  urlOf: (key: string) => string;
  logger: Logger;
}

/**
 * Points every latest name of this network+mode at the newest entry of its type. Runs after the
 * indexes, and checks the object is there first: never a pointer to a missing object.
 */
export async function updatePointers(args: UpdatePointersArgs): Promise<LatestPointer[]> {
  const { store, network, mode, logger } = args;
  const written: LatestPointer[] = [];
  for (const [type, names] of Object.entries(POINTER_NAMES[mode]) as Array<[ArtifactType, { artifact: string; metadata: string }]>) {
    const newest = args.entries
      .filter((entry) => entry.artifact_type === type)
      .sort((a, b) => b.block_height - a.block_height)[0];
    if (!newest) continue;
    const key = artifactKey(network, newest.filename);
    const targets: Array<[string, string, string | undefined]> = [
      [names.artifact, key, newest.sha256],
      [names.metadata, metadataKey(key), undefined],
    ];
    for (const [name, targetKey, sha256] of targets) {
      if (!(await store.head(targetKey))) {
        logger.warning(`Not pointing ${network}/${name} at ${targetKey}: the object is missing. The next run repairs the index.`);
        continue;
      }
      const pointer: LatestPointer = {
        name,
        target_key: targetKey,
        url: args.urlOf(targetKey),
        filename: targetKey.split("/").pop()!,
        ...(sha256 ? { sha256 } : {}),
        block_hash: newest.block_hash,
        block_height: newest.block_height,
        block_timestamp: newest.block_timestamp,
      };
      await updateJson<LatestPointer>(store, pointerKey(network, name), (current) =>
        current && current.target_key === pointer.target_key && current.url === pointer.url ? undefined : pointer,
      );
      // A path redirect ("/<prefix>/<key>") stays on whatever host serves the bucket website.
      if (store.setRedirect) await store.setRedirect(joinKey(network, name), targetKey);
      written.push(pointer);
    }
  }
  return written;
}

/** Every object a latest pointer of this network names; retention must not delete them. */
export async function pointedKeys(store: ObjectStore, network: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const info of store.list(joinKey(network, "latest") + "/")) {
    if (!info.key.endsWith(".json")) continue;
    const doc = await readJson<Partial<LatestPointer>>(store, info.key);
    if (typeof doc?.value.target_key === "string") keys.add(doc.value.target_key);
  }
  return keys;
}
