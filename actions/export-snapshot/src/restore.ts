import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, UpstreamError, type Logger } from "@chainops/shared";
import { findExecutable, runCommand } from "@chainops/shared/exec";
import type { ObjectStore } from "@chainops/shared/storage";
import { downloadAndVerify } from "@chainops/shared/stream";
import { checkBeforeRun } from "@chainops/shared/preflight";
import type { ExportSnapshotConfig } from "./config";
import { restoreChecks } from "./export-preflight";
import type { RunDeps } from "./deps";
import { listSnapshots, newestPublished, type PublishedSnapshot } from "./snapshot-catalog";

export interface RestoreOutcome {
  status: "restored" | "skipped";
  snapshot?: PublishedSnapshot;
  message: string;
}

/** A Lotus repo holds a chain once its chain blockstore has content. */
export async function repoHasChain(repoPath: string): Promise<boolean> {
  try {
    return (await readdir(join(repoPath, "datastore", "chain"))).length > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * The newest snapshot by end epoch: its manifest's, or for a snapshot from before manifests its
 * file name's. Name epochs are compared as numbers (they are not zero-padded, so name order is not
 * epoch order) to pick the few candidates worth reading.
 */
export async function findRestoreCandidate(store: ObjectStore, prefix: string, logger: Logger): Promise<PublishedSnapshot | undefined> {
  const candidates = await newestPublished(store, await listSnapshots(store, prefix), { by: "end", want: 3, logger });
  return candidates.sort((a, b) => b.end - a.end)[0];
}

/**
 * Restore mode: only for a repo without a chain. Streams the newest snapshot through sha256 and
 * zstd -d to one CAR file, imports it with `lotus daemon --import-snapshot … --halt-after-import`,
 * deletes the CAR, then starts the runner's daemon service (when daemon-service is set).
 */
export async function runRestore(config: ExportSnapshotConfig, deps: RunDeps, store: ObjectStore): Promise<RestoreOutcome> {
  const { logger } = deps;
  const repo = config.lotusPath!;
  if (await repoHasChain(repo)) {
    const message = `${repo} already holds a chain; restore leaves it alone.`;
    logger.notice(message);
    return { status: "skipped", message };
  }
  await checkBeforeRun(restoreChecks(config, deps), { logger, signal: deps.signal });
  const lotusBin = findExecutable(config.lotusBin, { input: "lotus-bin", pathEnv: deps.pathEnv, installHint: "Install Lotus on the runner or set lotus-bin to its full path." });
  const snapshot = await findRestoreCandidate(store, config.prefix, logger);
  if (!snapshot) {
    throw new UpstreamError(`No snapshot under ${store.url}/${config.prefix}/ to restore from`, {
      hint: "Check bucket and prefix (the public archive uses historical-exports), or run an export into this bucket first.",
    });
  }
  if (!snapshot.manifest) refuseUnverified(config, snapshot);
  const workDir = config.exportDir ?? repo;
  await mkdir(workDir, { recursive: true });
  const carPath = join(workDir, snapshot.key.split("/").pop()!.replace(/\.zst$/, ""));
  logger.info(`Restoring ${snapshot.key} (epochs ${snapshot.start}–${snapshot.end}, ${snapshot.size} bytes)`);
  if (!snapshot.manifest) {
    logger.warning(`${snapshot.key} has no manifest, so its sha256 cannot be verified; restoring it because allow-unverified-restore is set (only its size and zstd's frame checksum are checked).`);
  }
  await downloadAndVerify({
    source: await store.get(snapshot.key, { signal: deps.signal }),
    expectedSha256: snapshot.manifest?.sha256 ?? null,
    expectedSize: snapshot.manifest?.compressed_size_bytes ?? snapshot.size,
    decompression: "zstd",
    destination: { kind: "file", path: carPath },
    logger,
    clock: deps.clock,
    signal: deps.signal,
    pathEnv: deps.pathEnv,
  });
  try {
    await logger.group("lotus daemon --import-snapshot", () =>
      runCommand(lotusBin, ["daemon", "--import-snapshot", carPath, "--halt-after-import", "--bootstrap=false"], {
        env: { ...deps.env, LOTUS_PATH: repo },
        logger,
        stdoutTo: "info",
        signal: deps.signal,
        hint: "The import failed; the repo may be half-written. Remove its datastore/chain directory before trying again.",
      }),
    );
  } finally {
    await rm(carPath, { force: true });
  }
  if (config.daemonService) {
    const systemctl = findExecutable("systemctl", { pathEnv: deps.pathEnv, input: "daemon-service" });
    await runCommand(systemctl, ["start", config.daemonService], { logger, hint: `Start it by hand (systemctl start ${config.daemonService}); the runner user needs permission to start it.` });
    logger.info(`Started ${config.daemonService}`);
  }
  const message = `Restored ${snapshot.key} into ${repo} (head epoch ${snapshot.end}${snapshot.manifest ? "" : ", unverified"}).`;
  logger.notice(message);
  return { status: "restored", snapshot, message };
}

/** A snapshot without a manifest is only restored when the operator opted in. */
function refuseUnverified(config: ExportSnapshotConfig, snapshot: PublishedSnapshot): void {
  if (config.allowUnverifiedRestore) return;
  throw new ConfigError("allow-unverified-restore", `is off, and the newest snapshot ${snapshot.key} (epochs ${snapshot.start}–${snapshot.end}) has no manifest, so its sha256 cannot be verified`, {
    value: "false",
    example: "true",
    hint: "Set allow-unverified-restore: true (CLI: --allow-unverified-restore true) to restore it anyway, checked only by size and zstd's frame checksum; or export a window into this bucket first so a verified snapshot exists.",
  });
}
