import { ConflictError, UpstreamError } from "@chainops/shared";
import { joinKey, readJson, updateJson, type ObjectStore, type PutOptions } from "@chainops/shared/storage";
import type { ArtifactMetadata } from "./metadata";
import { METADATA_SCHEMA_FILENAME } from "./metadata-schema";

/** Where the index documents and the site live: `<prefix>/base.json`, `<prefix>/tezos-snapshots.json`, … */
export function indexKeys(prefix: string) {
  return {
    base: joinKey(prefix, "base.json"),
    snapshots: joinKey(prefix, "tezos-snapshots.json"),
    schema: joinKey(prefix, METADATA_SCHEMA_FILENAME),
  };
}

/** base.json entries: ours are ArtifactMetadata; entries other tools wrote are kept as they are. */
export type BaseEntry = ArtifactMetadata & Record<string, unknown>;

export async function readBase(store: ObjectStore, key: string): Promise<BaseEntry[]> {
  const doc = await readJson<unknown>(store, key);
  return checkBase(doc?.value, store, key);
}

function checkBase(value: unknown, store: ObjectStore, key: string): BaseEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new UpstreamError(`${store.url}/${key} is not a JSON array`, { hint: "base.json must be an array of artifact metadata; fix or delete it (deleting loses the index; the site is rebuilt from it)." });
  }
  return value as BaseEntry[];
}

/** Same artifact: one network, one file name. */
export function sameArtifact(a: { chain_name?: unknown; filename?: unknown }, b: { chain_name?: unknown; filename?: unknown }): boolean {
  return a.chain_name === b.chain_name && a.filename === b.filename;
}

/** Adds (or replaces) entries in base.json by compare-and-swap; every other entry is left as it was. */
export async function addToBase(store: ObjectStore, key: string, entries: ArtifactMetadata[]): Promise<BaseEntry[]> {
  const { value } = await updateJson<unknown>(store, key, (current) => {
    const list = checkBase(current, store, key);
    const kept = list.filter((entry) => !entries.some((added) => sameArtifact(entry, added)));
    return [...kept, ...(entries as BaseEntry[])];
  });
  return value as BaseEntry[];
}

/** Removes the entries `drop` selects from base.json (CAS); returns what was removed. */
export async function removeFromBase(store: ObjectStore, key: string, drop: (entry: BaseEntry) => boolean): Promise<BaseEntry[]> {
  let removed: BaseEntry[] = [];
  await updateJson<unknown>(store, key, (current) => {
    const list = checkBase(current, store, key);
    removed = list.filter(drop);
    return removed.length ? list.filter((entry) => !drop(entry)) : undefined;
  });
  return removed;
}

/** Newest first: by block timestamp, then height, then name (stable for equal blocks). */
export function newestFirst<T extends { block_timestamp?: unknown; block_height?: unknown; filename?: unknown }>(entries: T[]): T[] {
  return [...entries].sort(
    (a, b) =>
      String(b.block_timestamp ?? "").localeCompare(String(a.block_timestamp ?? "")) ||
      Number(b.block_height ?? 0) - Number(a.block_height ?? 0) ||
      String(a.filename ?? "").localeCompare(String(b.filename ?? "")),
  );
}

export interface SnapshotsIndex {
  date_generated: string;
  org: string;
  $schema: string;
  data: BaseEntry[];
}

export function buildSnapshotsIndex(entries: BaseEntry[], options: { org: string; schemaUrl: string; now: number }): SnapshotsIndex {
  return {
    date_generated: new Date(options.now).toISOString().replace(/\.\d{3}Z$/, "Z"),
    org: options.org,
    $schema: options.schemaUrl,
    data: newestFirst(entries),
  };
}

/**
 * Writes a document derived from base.json so that concurrent writers converge: each attempt
 * notes the document's version, then reads base.json, renders, and writes only if the document
 * did not change meanwhile. Whoever writes last read base.json after every earlier writer's
 * base.json update, so no entry is lost.
 */
export async function writeDerived(
  store: ObjectStore,
  key: string,
  render: () => Promise<string>,
  options: PutOptions = {},
  attempts = 30,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const before = await store.head(key);
    const body = await render();
    try {
      await store.putIfMatch(key, body, before?.version ?? null, { cacheControl: "no-cache", ...options });
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * Math.min(500, 5 * 2 ** attempt))));
    }
  }
}
