import { ConfigError, type Logger } from "@chainops/shared";
import { chainTimeOf, epochStartMs, type ChainTime } from "@chainops/shared/chains/lotus";
import { readBucketView, type BucketView } from "./bucket-view";
import { LeaseLostError } from "@chainops/shared/lease";
import { acquireExportLease } from "./export-lease";
import { exportWindow, type ExportContext } from "./export-window";
import { updateLatestPointer } from "./latest-pointer";
import type { SnapshotManifest } from "./manifest";
import { nextWindowStart, planWindows, type ExportWindow } from "./windows";

export interface ExportOutcome {
  status: "exported" | "not-ready" | "busy";
  exported: SnapshotManifest[];
  head: number;
  next: ExportWindow | undefined;
  view: BucketView;
  message: string;
}

/** "next window 100–2980 exportable at epoch 3895 (≈ 2026-01-02T03:04:05Z, in 2 h 5 min)" */
export function describeNext(window: ExportWindow, time: ChainTime, nowMs: number): string {
  const at = epochStartMs(time, window.readyAt);
  const wait = at - nowMs;
  const eta = wait <= 0 ? "now" : `in ${formatWait(wait)}`;
  return `next window ${window.start}–${window.end} exportable at epoch ${window.readyAt} (≈ ${new Date(at).toISOString()}, ${eta})`;
}

function formatWait(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The first window this bucket still needs, or a ConfigError when an empty bucket has no start-epoch. */
export function firstWindowStart(view: BucketView, range: number, startEpoch: number | undefined): number {
  const start = nextWindowStart(view.newest?.start, range, startEpoch);
  if (start === undefined) {
    throw new ConfigError("start-epoch", "is needed: the bucket has no snapshots yet, so nothing says where the first window starts", {
      example: "4802400 (a multiple of 2880 keeps windows aligned with the public archive)",
    });
  }
  return start;
}

/**
 * Export mode: exports every ready window (up to max-exports) under a per-network lease, so two
 * runs at once cannot export the same window; the second one exits cleanly.
 */
export async function runExport(ctx: ExportContext, onFailure: (window: ExportWindow) => void): Promise<ExportOutcome> {
  const { config, deps, lotus, store } = ctx;
  const { logger, clock } = deps;
  const time = chainTimeOf(await lotus.stateGetNetworkParams());
  const plan = async () => {
    const view = await readBucketView(store, config.prefix, logger);
    const head = (await lotus.chainHead()).Height;
    const first = firstWindowStart(view, config.range, config.startEpoch);
    return { view, head, ...planWindows(first, head, config, config.maxExports) };
  };
  let current = await plan();
  await catchUpLatestPointer(store, config.prefix, current.view, logger);
  if (current.ready.length === 0) return notReady(current, time, clock.now(), logger);

  const acquired = await acquireExportLease(store, { prefix: config.prefix, network: ctx.network, runId: deps.runId, holder: deps.holder, checkRun: deps.checkRun, ttlMs: config.leaseTtl, clock, logger });
  if ("busy" in acquired) {
    const message = `Another run is exporting ${ctx.network} snapshots. ${acquired.busy.message} ${acquired.busy.hint}`;
    logger.notice(message);
    return { status: "busy", exported: [], head: current.head, next: current.ready[0], view: current.view, message };
  }
  const lease = acquired.lease;
  // Renewed in the background: an export takes about an hour, longer than a sensible TTL.
  const heartbeat = setInterval(() => {
    lease.renew().catch((error: Error) => {
      if (error instanceof LeaseLostError) clearInterval(heartbeat);
      logger.warning(error instanceof LeaseLostError ? `The export lease was lost: ${error.message}` : `Could not renew the export lease: ${error.message}`);
    });
  }, Math.max(1000, config.leaseTtl / 3));
  heartbeat.unref();
  const exported: SnapshotManifest[] = [];
  try {
    // Another run may have published while we were deciding: plan again under the lease.
    current = await plan();
    for (const window of current.ready) {
      // The ETA of the export assumes about the size of the window before (CAR sizes change slowly).
      const previousCarBytes = (exported.at(-1) ?? current.view.newest?.manifest)?.uncompressed_size_bytes;
      try {
        exported.push(await logger.group(`Window ${window.start}–${window.end}`, () => exportWindow(ctx, window, current.view.entries, previousCarBytes)));
      } catch (error) {
        onFailure(window);
        throw error;
      }
    }
  } finally {
    clearInterval(heartbeat);
    await lease.release().catch((error: Error) => logger.warning(`Could not release the export lease: ${error.message}`));
  }
  if (exported.length === 0) return notReady(current, time, clock.now(), logger);
  // The result plans from the bucket after the run: with a backlog the next window is ready now
  // (as `mode: status` says), not the first one that is not final yet.
  const after = await plan();
  const next = after.ready[0] ?? after.next;
  const backlog = after.ready.length ? `; ${after.ready.length}${after.ready.length === config.maxExports ? " or more" : ""} more window(s) ready, for the next run` : "";
  return { status: "exported", exported, head: after.head, next, view: after.view, message: `exported ${exported.length} window(s); ${describeNext(next, time, clock.now())}${backlog}` };
}

/**
 * A run that stopped between a manifest and latest.json (the last step) left the pointer behind;
 * the next run moves it up (forward only, by CAS), stamped with the snapshot's own time.
 */
async function catchUpLatestPointer(store: ExportContext["store"], prefix: string, view: BucketView, logger: Logger): Promise<void> {
  const manifest = view.newest?.manifest;
  if (!manifest || (view.latest && Number(view.latest.end_epoch) >= manifest.end_epoch)) return;
  if (await updateLatestPointer(store, prefix, manifest, manifest.created_at)) {
    logger.warning(`latest.json was behind ${manifest.key} (a run stopped before its last step); moved it there.`);
  }
}

function notReady(current: { view: BucketView; head: number; next: ExportWindow }, time: ChainTime, nowMs: number, logger: Logger): ExportOutcome {
  const message = `Nothing to export yet at head ${current.head}: ${describeNext(current.next, time, nowMs)}.`;
  logger.notice(message);
  return { status: "not-ready", exported: [], head: current.head, next: current.next, view: current.view, message };
}

