import { tmpdir } from "node:os";
import { bucketWritableCheck, directoryCheck, streamToolCheck, type PreflightCheck } from "@chainops/shared/preflight";
import type { ObjectStore } from "@chainops/shared/storage";
import type { PublishConfig } from "./config";

/**
 * What a publish needs besides octez-node (resolved up front, to build its CLI): GNU tar and lz4
 * for the tarball, a writable work dir for the rolling export, and a bucket that takes writes —
 * all checked before the lease and before octez-node exports anything.
 */
export function publishChecks(config: PublishConfig, store: ObjectStore, options: { pathEnv?: string; clock: { now(): number } }): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  if (config.artifacts.includes("tarball")) {
    checks.push(
      streamToolCheck("tar", { purpose: "packs the data dir into the tarball", pathEnv: options.pathEnv }),
      streamToolCheck("lz4", { purpose: "compresses the tarball", pathEnv: options.pathEnv }),
    );
  }
  if (config.artifacts.includes("rolling-snapshot")) {
    checks.push(directoryCheck({ path: config.workDir ?? tmpdir(), input: "work-dir", purpose: "holds the .rolling export until it is uploaded", writable: true }));
  }
  checks.push(bucketWritableCheck({ store, folder: config.network, clock: options.clock }));
  return checks;
}
