import type { Logger } from "@chainops/shared";
import { readJson, type ObjectStore } from "@chainops/shared/storage";
import { latestKey, type LatestPointer } from "./latest-pointer";
import { listSnapshots, newestPublished, type CatalogEntry, type PublishedSnapshot } from "./snapshot-catalog";

/** What the bucket says: every snapshot, the newest published window, and latest.json. */
export interface BucketView {
  entries: CatalogEntry[];
  newest: PublishedSnapshot | undefined;
  latest: LatestPointer | undefined;
}

export async function readBucketView(store: ObjectStore, prefix: string, logger: Logger): Promise<BucketView> {
  const entries = await listSnapshots(store, prefix);
  const [newest] = await newestPublished(store, entries, { by: "start", logger });
  const latest = (await readJson<LatestPointer>(store, latestKey(prefix)))?.value;
  return { entries, newest, latest };
}
