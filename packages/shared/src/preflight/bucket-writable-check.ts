import { joinKey } from "../storage/keys";
import type { ObjectStore } from "../storage/types";
import { failureOf } from "./run-preflight";
import { pass, type PreflightCheck } from "./types";

/** One fixed name per folder: concurrent runs overwrite and remove the same probe, and a killed run's probe is replaced by the next. */
export const WRITE_PROBE_NAME = ".chainops-write-check";

/**
 * The bucket takes a write and a delete where the run will write: a small probe object is
 * written and removed again. That is the cheapest check that is reliable on every backend (an
 * IAM or ACL query can disagree with what the bucket really allows, and file:// permissions
 * depend on the user, the mount and the folder). A permission error names the bucket, the
 * operation and the permission needed (the stores map EACCES/EPERM and 403 to ConfigErrors).
 */
export function bucketWritableCheck(options: { store: ObjectStore; folder: string; input?: string; clock?: { now(): number } }): PreflightCheck {
  const key = joinKey(options.folder, WRITE_PROBE_NAME);
  return {
    name: "bucket writable",
    input: options.input ?? "bucket",
    run: async () => {
      try {
        const at = new Date(options.clock?.now() ?? Date.now()).toISOString();
        await options.store.put(key, `${JSON.stringify({ written_by: "chainops preflight (a write check; safe to delete)", at })}\n`, { contentType: "application/json", cacheControl: "no-store" });
        await options.store.delete(key);
        return pass(`wrote and removed ${options.store.url}/${key}`);
      } catch (error) {
        return failureOf(error);
      }
    },
  };
}
