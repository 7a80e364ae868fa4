import { ConflictError, UpstreamError } from "@chainops/shared";
import { readText, type ObjectStore } from "@chainops/shared/storage";
import type { DiscoveryEntry } from "./discovery-entry";
import { joinJsonArray, splitJsonArray } from "./json-array-text";

interface Item {
  text: string;
  value: unknown;
}

function genesisOf(value: unknown): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).genesisID : undefined;
}

/**
 * Read-modify-write of the discovery file by compare-and-swap, retried on conflicts. Entries
 * are kept as their source text, so every entry we do not change is written back byte for byte.
 * edit returns the new items, or undefined for "no change".
 */
async function editDiscovery(store: ObjectStore, key: string, edit: (items: Item[]) => Item[] | undefined): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const info = await store.head(key);
    let items: Item[] = [];
    if (info) {
      const text = await readText(store, key).catch((error: unknown) => ((error as Error).name === "NotFoundError" ? undefined : Promise.reject(error)));
      if (text === undefined) continue; // replaced between head and read
      try {
        items = splitJsonArray(text).map((t) => ({ text: t, value: JSON.parse(t) as unknown }));
      } catch (cause) {
        throw new UpstreamError(`${store.url}/${key} is not a JSON array of networks`, { cause, hint: "Nothing was changed. Fix the file by hand (it must be [ {...}, … ]) and run again." });
      }
    }
    const next = edit(items);
    if (!next) return false;
    try {
      await store.putIfMatch(key, joinJsonArray(next.map((i) => i.text)), info?.version ?? null, { contentType: "application/json", cacheControl: "no-cache" });
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * Math.min(500, 10 * 2 ** attempt))));
    }
  }
}

/**
 * Puts a network's entry first in the discovery file (a JSON array, newest first). Entries are
 * matched by genesisID; fields of our entry that we do not write (added by hand or by other
 * tools) stay, and every other entry stays byte for byte. Returns whether the file changed.
 */
export async function publishDiscoveryEntry(store: ObjectStore, key: string, entry: DiscoveryEntry): Promise<boolean> {
  return editDiscovery(store, key, (items) => {
    const index = items.findIndex((i) => genesisOf(i.value) === entry.genesisID);
    const previous = index >= 0 ? (items[index]!.value as Record<string, unknown>) : {};
    const merged = { ...previous, ...entry };
    if (index === 0 && JSON.stringify(previous) === JSON.stringify(merged)) return undefined;
    return [{ text: JSON.stringify(merged, null, 2), value: merged }, ...items.filter((_, i) => i !== index)];
  });
}

/** Drops a network's entry (by genesisID); true when there was one. */
export async function removeDiscoveryEntry(store: ObjectStore, key: string, genesisId: string): Promise<boolean> {
  return editDiscovery(store, key, (items) => {
    const kept = items.filter((i) => genesisOf(i.value) !== genesisId);
    return kept.length === items.length ? undefined : kept;
  });
}
