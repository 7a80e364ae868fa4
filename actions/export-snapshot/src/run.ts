import { ConfigError } from "@chainops/shared";
import { chainTimeOf, expectedHeight, type LotusClient } from "@chainops/shared/chains/lotus";
import { createSlack, type Slack } from "@chainops/shared/notify";
import { checkBeforeRun } from "@chainops/shared/preflight";
import { openStore, type ObjectStore } from "@chainops/shared/storage";
import type { SummaryReport } from "@chainops/shared/summary";
import { readBucketView, type BucketView } from "./bucket-view";
import type { ExportSnapshotConfig, Mode } from "./config";
import type { RunDeps } from "./deps";
import { announceExport, announceFailure } from "./export-notifications";
import { describeNext, firstWindowStart, runExport } from "./export-mode";
import { nodeModeChecks } from "./export-preflight";
import { connectLotus } from "./lotus-connection";
import type { SnapshotManifest } from "./manifest";
import { runRestore } from "./restore";
import { writeSnapshotMetrics, type MetricsSnapshot } from "./snapshot-metrics";
import { statusReport, type StatusFacts } from "./status-report";
import { catchingUpTo, waitForSync } from "./wait-sync";
import { planWindows, windowAt, type ExportWindow } from "./windows";

export interface RunResult {
  mode: Mode;
  /** exported | not-ready | busy | synced | not-synced | restored | skipped | status */
  status: string;
  /** false when the run found nothing to do yet (a clean exit). */
  ready: boolean;
  network: string;
  exported: SnapshotManifest[];
  message: string;
  outputs: Record<string, string | number | boolean>;
  summary: SummaryReport;
}

/** The operation behind the action and `chainops filecoin …`: one mode per call. */
export async function run(config: ExportSnapshotConfig, deps: RunDeps): Promise<RunResult> {
  // wait-sync needs no bucket; every other mode has one (parseConfig checks).
  const store = deps.store ?? (config.bucket ? await openStore(config.bucket.url, deps.storeOptions) : undefined);
  const slack = deps.slack ?? createSlack({ token: config.slackToken, channel: config.slackChannel, logger: deps.logger });
  if (config.mode === "restore") return restoreMode(config, deps, store!, slack);

  const lotus = await connectLotus(config, deps);
  const ctx: ModeContext = {
    lotus,
    store,
    slack,
    network: config.network ?? "unknown",
    facts: { network: config.network ?? "unknown", mode: config.mode, outcome: "", exported: [] },
    metrics: { network: config.network ?? "unknown", failed: false, nowMs: deps.clock.now() },
  };
  try {
    const nodeNetwork = await lotus.stateNetworkName();
    ctx.network = ctx.facts.network = ctx.metrics.network = config.network ?? nodeNetwork;
    // Before the first long step and before the export lease: tools, token, network, bucket.
    await checkBeforeRun(nodeModeChecks(config, deps, lotus, nodeNetwork, store), { logger: deps.logger, signal: deps.signal });
    return await runMode(config, deps, ctx);
  } catch (error) {
    ctx.metrics.failed = config.mode === "export" && !(error instanceof ConfigError);
    if (ctx.metrics.failed) await announceFailure(slack, ctx.network, config.mode, error, deps.runUrl, ctx.failedWindow);
    throw error;
  } finally {
    if (config.metricsFile) await writeMetricsSafely(config.metricsFile, ctx, config, deps);
  }
}

interface ModeContext {
  lotus: LotusClient;
  store: ObjectStore | undefined;
  slack: Slack;
  network: string;
  facts: StatusFacts;
  metrics: MetricsSnapshot;
  /** The bucket as last read, for the metrics file. */
  view?: BucketView;
  next?: ExportWindow;
  failedWindow?: ExportWindow;
}

async function runMode(config: ExportSnapshotConfig, deps: RunDeps, ctx: ModeContext): Promise<RunResult> {
  const { lotus, network, facts, metrics } = ctx;
  const time = chainTimeOf(await lotus.stateGetNetworkParams());
  const finish = (status: string, ready: boolean, message: string, exported: SnapshotManifest[] = []): RunResult => {
    facts.outcome = message;
    facts.exported = exported;
    const newest = exported.at(-1);
    return {
      mode: config.mode,
      status,
      ready,
      network,
      exported,
      message,
      outputs: {
        status,
        ready,
        network,
        "head-epoch": facts.head ?? "",
        "exported-count": exported.length,
        "snapshot-key": newest?.key ?? "",
        "snapshot-url": newest?.url ?? "",
        "snapshot-sha256": newest?.sha256 ?? "",
        "next-window-start": ctx.next?.start ?? "",
      },
      summary: statusReport(facts),
    };
  };

  if (config.mode === "wait-sync") {
    const outcome = await waitForSync(lotus, { clock: deps.clock, logger: deps.logger, timeoutMs: config.syncTimeout, tolerance: config.syncTolerance, pollIntervalMs: deps.pollIntervalMs ?? 30_000, signal: deps.signal });
    Object.assign(facts, { head: outcome.head, expected: outcome.expected });
    Object.assign(metrics, { head: outcome.head, expected: outcome.expected });
    return finish(outcome.synced ? "synced" : "not-synced", outcome.synced, outcome.message);
  }

  const store = ctx.store!;
  if (config.mode === "status") {
    const head = (await lotus.chainHead()).Height;
    const state = await lotus.syncState();
    const view = (ctx.view = await readBucketView(store, config.prefix, deps.logger));
    const expected = expectedHeight(time, deps.clock.now());
    const target = catchingUpTo(state, head, config.syncTolerance);
    Object.assign(facts, { head, expected, syncing: target === undefined ? (expected - head <= config.syncTolerance ? "in sync" : `behind ${expected - head} epochs`) : `syncing towards ${target}` });
    Object.assign(metrics, { head, expected });
    const start = view.newest || config.startEpoch !== undefined ? firstWindowStart(view, config.range, config.startEpoch) : undefined;
    if (start !== undefined) {
      ctx.next = planWindows(start, head, config, 1).ready[0] ?? windowAt(start, config);
      facts.next = describeNext(ctx.next, time, deps.clock.now());
    } else facts.next = "unknown: the bucket is empty and start-epoch is not set";
    setNewest(facts, view, store);
    return finish("status", true, `head ${head}; ${facts.next}`);
  }

  const outcome = await runExport(
    { config, deps, lotus, store, network, lotusVersion: (await lotus.version()).Version, exportDir: requireExportDir(config) },
    (window) => {
      ctx.failedWindow = window;
    },
  );
  for (const manifest of outcome.exported) await announceExport(ctx.slack, manifest, deps.runUrl);
  Object.assign(facts, { head: outcome.head, expected: expectedHeight(time, deps.clock.now()) });
  ctx.view = outcome.view;
  ctx.next = outcome.next;
  if (outcome.next) facts.next = describeNext(outcome.next, time, deps.clock.now());
  Object.assign(metrics, { head: outcome.head, expected: facts.expected });
  setNewest(facts, outcome.view, store);
  return finish(outcome.status, outcome.status === "exported", outcome.message, outcome.exported);
}

function setNewest(facts: StatusFacts, view: BucketView, store: ObjectStore): void {
  if (view.newest) facts.newest = { key: view.newest.key, start: view.newest.start, end: view.newest.end, url: store.publicUrl(view.newest.key) };
}

function requireExportDir(config: ExportSnapshotConfig): string {
  if (!config.exportDir) {
    throw new ConfigError("export-dir", "is needed to find the CAR Lotus writes (into its repo directory)", { example: "/var/lib/lotus", hint: "Set lotus-path (the node's repo) or export-dir." });
  }
  return config.exportDir;
}

async function restoreMode(config: ExportSnapshotConfig, deps: RunDeps, store: ObjectStore, slack: Slack): Promise<RunResult> {
  const network = config.network ?? "filecoin";
  try {
    const outcome = await runRestore(config, deps, store);
    const facts: StatusFacts = { network, mode: "restore", outcome: outcome.message, exported: [] };
    if (outcome.snapshot) facts.newest = { key: outcome.snapshot.key, start: outcome.snapshot.start, end: outcome.snapshot.end, url: store.publicUrl(outcome.snapshot.key) };
    return {
      mode: "restore",
      status: outcome.status,
      ready: true,
      network,
      exported: [],
      message: outcome.message,
      outputs: { status: outcome.status, ready: true, network, "snapshot-key": outcome.snapshot?.key ?? "" },
      summary: statusReport(facts),
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) await announceFailure(slack, network, "restore", error, deps.runUrl);
    throw error;
  } finally {
    // The node is down during a restore: no head height, but the bucket's facts still go out.
    if (config.metricsFile) await writeMetricsSafely(config.metricsFile, { store, metrics: { network, failed: false, nowMs: deps.clock.now() } }, config, deps);
  }
}

/** Metrics never turn a good run into a failure; a broken metrics path is a warning. */
async function writeMetricsSafely(path: string, ctx: Pick<ModeContext, "metrics" | "view" | "store">, config: ExportSnapshotConfig, deps: RunDeps): Promise<void> {
  try {
    const bucket = ctx.view ?? (ctx.store ? await readBucketView(ctx.store, config.prefix, deps.logger).catch(() => undefined) : undefined);
    await writeSnapshotMetrics(path, { ...ctx.metrics, nowMs: deps.clock.now() }, bucket, { ...config, compat: config.metricsCompat });
  } catch (error) {
    deps.logger.warning(`Could not write the metrics file ${path}: ${(error as Error).message}`);
  }
}
