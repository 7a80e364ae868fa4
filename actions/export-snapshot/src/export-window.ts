import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { IntegrityError, UpstreamError } from "@chainops/shared";
import { tipSetKeyStrings, type LotusClient, type TipSet } from "@chainops/shared/chains/lotus";
import { joinKey, type ObjectStore } from "@chainops/shared/storage";
import { compressAndUpload } from "@chainops/shared/stream";
import type { ExportSnapshotConfig } from "./config";
import type { RunDeps } from "./deps";
import { followExport } from "./export-progress";
import { updateLatestPointer } from "./latest-pointer";
import { manifestKey, type SnapshotManifest } from "./manifest";
import { PRODUCER_METADATA, type CatalogEntry } from "./snapshot-catalog";
import { newestCarFor, parseSnapshotName, snapshotFileName } from "./snapshot-names";
import { OVERLAP_EPOCHS, type ExportWindow } from "./windows";

export interface ExportContext {
  config: ExportSnapshotConfig;
  deps: RunDeps;
  lotus: LotusClient;
  store: ObjectStore;
  network: string;
  lotusVersion: string;
  exportDir: string;
}

/**
 * One window, in the publish order: Lotus writes the CAR → one pass CAR → zstd → sha256 → upload
 * (verified by size) → manifest → latest.json (CAS) → local CAR deleted. A failure at any step
 * leaves no manifest and latest.json untouched, so the next run exports the window again.
 */
export async function exportWindow(ctx: ExportContext, window: ExportWindow, entries: CatalogEntry[], previousCarBytes?: number): Promise<SnapshotManifest> {
  const { config, deps, lotus, store } = ctx;
  const { logger, clock } = deps;
  const started = clock.now();
  const tail = await lotus.chainGetTipSetByHeight(window.start);
  const head = await lotus.chainGetTipSetByHeight(window.end + OVERLAP_EPOCHS);
  if (tail.Height !== window.start) {
    logger.warning(`Epoch ${window.start} is a null round: Lotus will start the file at ${tail.Height}; it is published under ${window.start}, as Filcryo does.`);
  }
  await removeLeftovers(ctx.exportDir, tail.Height, window.start, logger);

  logger.info(`Exporting epochs ${tail.Height}–${head.Height} (window ${window.start}–${window.end} + ${OVERLAP_EPOCHS}) into ${ctx.exportDir}`);
  const progress = followExport({ dir: ctx.exportDir, tail: tail.Height, head: head.Height, expectedBytes: previousCarBytes, logger, clock, onProgress: deps.onProgress });
  try {
    await lotus.chainExportRangeInternal(head.Cids, tail.Cids, {
      WriteBufferSize: config.writeBuffer,
      NumWorkers: config.workers,
      IncludeMessages: true,
      IncludeReceipts: true,
      IncludeStateRoots: true,
    }, { timeoutMs: config.exportTimeout, signal: deps.signal });
    progress.finish();
  } finally {
    progress.stop();
  }
  const exported = clock.now();
  const car = await findExportedCar(ctx.exportDir, tail, head);
  logger.info(`Lotus wrote ${car.path} in ${seconds(exported - started)} s`);

  const name = snapshotFileName({ start: window.start, end: head.Height, unix: car.unix }, true);
  const key = joinKey(config.prefix, name);
  const upload = await compressAndUpload({
    source: { kind: "file", path: car.path },
    compression: config.compression,
    store,
    key,
    contentType: "application/zstd",
    metadata: { ...PRODUCER_METADATA, network: ctx.network, "start-epoch": String(window.start), "end-epoch": String(head.Height) },
    logger,
    clock,
    signal: deps.signal,
    label: name,
    onProgress: deps.onProgress,
    pathEnv: deps.pathEnv,
  });
  if (upload.inputSize !== car.size) {
    await store.delete(key);
    throw new IntegrityError(`zstd read ${upload.inputSize} of the ${car.size} bytes of ${car.path}; the upload was removed`, { hint: "The compressor stopped early; check zstd on the runner and run again." });
  }
  const finished = clock.now();
  const manifest: SnapshotManifest = {
    kind: "filecoin-archival-snapshot",
    network: ctx.network,
    start_epoch: window.start,
    end_epoch: head.Height,
    tail_epoch: tail.Height,
    head_tipset_key: tipSetKeyStrings(head),
    tail_tipset_key: tipSetKeyStrings(tail),
    key,
    url: upload.url,
    compression: describeCompression(config.compression),
    sha256: upload.sha256,
    compressed_size_bytes: upload.size,
    uncompressed_size_bytes: upload.inputSize,
    lotus_version: ctx.lotusVersion,
    created_at: new Date(finished).toISOString(),
    timings: { export_seconds: seconds(exported - started), upload_seconds: seconds(finished - exported), total_seconds: seconds(finished - started) },
  };
  await store.put(manifestKey(key), `${JSON.stringify(manifest, null, 2)}\n`, { contentType: "application/json" });
  const moved = await updateLatestPointer(store, config.prefix, manifest, manifest.created_at);
  logger.info(moved ? `latest.json → ${key}` : `latest.json already points at a newer snapshot; left as it is`);
  await rm(car.path, { force: true });
  await removeUnfinishedUploads(store, entries, window.start, key, logger);
  return manifest;
}

/** Lotus names the file after the tipsets it resolved: snapshot_<tail height>_<head height>_<unix>.car. */
async function findExportedCar(dir: string, tail: TipSet, head: TipSet): Promise<{ path: string; unix: number; size: number }> {
  const newest = newestCarFor(await readdir(dir), tail.Height, head.Height);
  if (!newest) {
    throw new UpstreamError(`Lotus reported the export done, but ${dir} has no snapshot_${tail.Height}_${head.Height}_*.car`, {
      hint: "Lotus writes exports into its repo directory: set export-dir (or lotus-path) to the node's $LOTUS_PATH on this runner.",
    });
  }
  const path = join(dir, newest.file);
  return { path, unix: newest.unix, size: (await stat(path)).size };
}

/** Files from an earlier attempt at this window (a crash, an OOM) would be mistaken for the new one. */
async function removeLeftovers(dir: string, tailHeight: number, start: number, logger: RunDeps["logger"]): Promise<void> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UpstreamError(`export-dir ${dir} does not exist`, { hint: "Set export-dir (or lotus-path) to the Lotus repo directory on this runner." });
    }
    throw error;
  }
  for (const file of files) {
    const name = parseSnapshotName(file);
    if (name && !name.compressed && name.start >= tailHeight && name.start <= start) {
      logger.warning(`Removing ${file}, left over from an earlier attempt at this window`);
      await rm(join(dir, file), { force: true });
    }
  }
}

/** Our uploads for this window that never got a manifest (a run killed after upload) are replaced now. */
async function removeUnfinishedUploads(store: ObjectStore, entries: CatalogEntry[], start: number, keep: string, logger: RunDeps["logger"]): Promise<void> {
  for (const entry of entries) {
    if (entry.name.start !== start || entry.key === keep || entry.hasManifest) continue;
    const info = await store.head(entry.key);
    if (info?.metadata["chainops-producer"] !== PRODUCER_METADATA["chainops-producer"]) continue;
    logger.info(`Deleting ${entry.key}: an unfinished upload of this window by an interrupted run`);
    await store.delete(entry.key);
  }
}

function describeCompression(c: ExportSnapshotConfig["compression"]): string {
  return `zstd${c.fast ? " --fast" : c.level ? ` -${c.level}` : ""} -T${c.threads ?? 0}`;
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
