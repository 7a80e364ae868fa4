import { readText, type ObjectStore } from "@chainops/shared/storage";

/** Writes the config home smeshers download, only when its bytes change. Returns whether it did. */
export async function publishNodeConfig(store: ObjectStore, key: string, config: Record<string, unknown>): Promise<boolean> {
  const body = `${JSON.stringify(config, null, 2)}\n`;
  const current = (await store.head(key)) ? await readText(store, key) : undefined;
  if (current === body) return false;
  await store.put(key, body, { contentType: "application/json", cacheControl: "no-cache" });
  return true;
}
