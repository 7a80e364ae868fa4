import { ConflictError, UpstreamError } from "../core/errors";
import type { ObjectInfo, ObjectStore } from "./types";

export interface JsonDocument<T> {
  value: T;
  version: string;
}

/** Reads and parses a JSON object; null when absent. Malformed JSON is an UpstreamError naming the key. */
export async function readJson<T = unknown>(store: ObjectStore, key: string): Promise<JsonDocument<T> | null> {
  // The version comes from head() before the read, so it is never newer than the text: a CAS
  // write based on it can only fail (and retry), never overwrite an update it did not see.
  for (let attempt = 1; ; attempt++) {
    const info = await store.head(key);
    if (!info) return null;
    let text: string;
    try {
      text = await readText(store, key);
    } catch (error) {
      // Replaced or deleted between head and read: look again.
      if ((error as Error).name === "NotFoundError" && attempt < 5) continue;
      throw error;
    }
    try {
      return { value: JSON.parse(text) as T, version: info.version };
    } catch (cause) {
      throw new UpstreamError(`${store.url}/${key} is not valid JSON`, {
        cause,
        // Deleting it is not a fix: a new index would start empty and drop every entry it held.
        hint: "Nothing was changed. Fix the JSON by hand or restore the object's previous version (bucket versioning), then run again.",
      });
    }
  }
}

export async function readText(store: ObjectStore, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export interface UpdateJsonOptions {
  /** Attempts before giving up on conflicts (default 20). */
  attempts?: number;
  cacheControl?: string;
  /** Waits between attempts; default a short random backoff. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Read-modify-write with compare-and-swap: fn gets the current value (undefined when absent)
 * and returns the new one; on a concurrent change it is called again with the fresh value.
 * Returning undefined leaves the document as it is.
 */
export async function updateJson<T>(
  store: ObjectStore,
  key: string,
  fn: (current: T | undefined) => T | undefined | Promise<T | undefined>,
  options: UpdateJsonOptions = {},
): Promise<{ value: T | undefined; info: ObjectInfo | null }> {
  const attempts = options.attempts ?? 20;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    const current = await readJson<T>(store, key);
    const next = await fn(current?.value);
    if (next === undefined) return { value: current?.value, info: current ? await store.head(key) : null };
    try {
      const info = await store.putIfMatch(key, `${JSON.stringify(next, null, 2)}\n`, current?.version ?? null, {
        contentType: "application/json",
        cacheControl: options.cacheControl ?? "no-cache",
      });
      return { value: next, info };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
      await sleep(Math.floor(Math.random() * Math.min(1000, 10 * 2 ** attempt)));
    }
  }
}
