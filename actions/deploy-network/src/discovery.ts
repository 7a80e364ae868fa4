import { UpstreamError } from "@chainops/shared";
import { updateJson, type ObjectStore } from "@chainops/shared/storage";
import type { DiscoveryEntry } from "./discovery-entry";

export type DiscoveryFile = unknown[];

function isEntry(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Puts a network's entry first in the discovery file (a JSON array, newest first), by
 * compare-and-swap. Entries are matched by genesisID; every other entry, and every field of an
 * entry we do not write, stays as it was (JSON values, not a typed struct that drops them).
 * Returns whether the file changed.
 */
export async function publishDiscoveryEntry(store: ObjectStore, key: string, entry: DiscoveryEntry): Promise<boolean> {
  let changed = false;
  await updateJson<DiscoveryFile>(store, key, (current) => {
    const list = checkedList(store, key, current);
    const index = list.findIndex((e) => isEntry(e) && e.genesisID === entry.genesisID);
    const previous = index >= 0 ? (list[index] as Record<string, unknown>) : {};
    const merged = { ...previous, ...entry };
    if (index === 0 && JSON.stringify(previous) === JSON.stringify(merged)) {
      changed = false;
      return undefined;
    }
    changed = true;
    return [merged, ...list.filter((_, i) => i !== index)];
  });
  return changed;
}

/** Drops a network's entry (by genesisID); true when there was one. */
export async function removeDiscoveryEntry(store: ObjectStore, key: string, genesisId: string): Promise<boolean> {
  let removed = false;
  await updateJson<DiscoveryFile>(store, key, (current) => {
    if (current === undefined) return undefined;
    const list = checkedList(store, key, current);
    const kept = list.filter((e) => !(isEntry(e) && e.genesisID === genesisId));
    removed = kept.length !== list.length;
    return removed ? kept : undefined;
  });
  return removed;
}

function checkedList(store: ObjectStore, key: string, current: unknown): unknown[] {
  if (current === undefined) return [];
  if (!Array.isArray(current)) {
    throw new UpstreamError(`${store.url}/${key} is not a JSON array of networks`, { hint: "Nothing was changed. Fix the file by hand (it must be [ {...}, … ]) and run again." });
  }
  return current;
}
