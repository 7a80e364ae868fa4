import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeError, NotReadyError, type Clock, type Logger } from "@chainops/shared";
import { createOctezRpc, findDataDirLockHolder, OctezNodeCli, type OctezRpc } from "@chainops/shared/chains/octez";
import { findExecutable } from "@chainops/shared/exec";
import type { GitHubRunCheck, LeaseHolder } from "@chainops/shared/lease";
import { formatDuration } from "@chainops/shared/config";
import { createSlack, type Slack } from "@chainops/shared/notify";
import { checkBeforeRun } from "@chainops/shared/preflight";
import { mergeStoreOptions, openStore, readJson, type ObjectStore, type StoreOptions } from "@chainops/shared/storage";
import type { TransferProgress } from "@chainops/shared/stream";
import { artifactKey, artifactTypeOf, metadataKey } from "./artifact-names";
import type { PublishConfig } from "./config";
import { addToBase, buildSnapshotsIndex, indexKeys, readBase, removeFromBase, sameArtifact, writeDerived, type BaseEntry } from "./indexes";
import { acquirePublishLease, leaseKey } from "./lease";
import { makeArtifacts, type MadeArtifact } from "./make-artifacts";
import { checkNetwork, checkNodeHistoryMode } from "./node-checks";
import { pointedKeys, updatePointers, type LatestPointer } from "./latest-pointers";
import { buildMetadata, type ArtifactMetadata } from "./metadata";
import { metadataSchema } from "./metadata-schema";
import { notifySlack } from "./notify-slack";
import { publishChecks } from "./publish-preflight";
import { recoverLeftovers, type RecoveryResult } from "./recover";
import { describeRetention, selectExpired } from "./retention";
import { publishPhase, withPublishMetrics, type PublishSeen } from "./publish-metrics";
import { publishSite, type SiteOptions } from "./site";
import { resolveSource, type ResolvedSource } from "./source";
import { prepareNodeUnit } from "./stop-node";
import { decideDue } from "./throttle";
import { waitForFinality } from "./target-block";

export { TARBALL_EXCLUDES } from "./make-artifacts";
export { checkNetwork } from "./node-checks";

export interface PublishDeps {
  logger: Logger;
  clock: Clock;
  signal?: AbortSignal;
  /** A store to use instead of opening config.bucket (tests). */
  store?: ObjectStore;
  storeOptions?: StoreOptions;
  /** An RPC client to use instead of one for config.rpcUrl (tests). */
  rpc?: OctezRpc;
  /** PATH for octez-node, tar and lz4 (default: the process PATH). */
  pathEnv?: string;
  /** Environment for octez-node. */
  env?: NodeJS.ProcessEnv;
  /** Names this run in the lease when no holder is given, e.g. "demo". */
  runId: string;
  /** Who holds the lease: this process, with its GitHub run (holderFromEnvironment). */
  holder?: LeaseHolder;
  /** Asks GitHub whether a lease holder's run is still going. */
  checkRun?: GitHubRunCheck;
  runUrl?: string;
  slack?: Slack;
  onProgress?: (progress: TransferProgress) => void;
  /** How often the archive finality check polls the node (default 5 s). */
  finalityPollMs?: number;
  /** How long octez-node run on a data dir may take to answer (default 30 min). */
  headlessStartupTimeoutMs?: number;
}

export interface PublishResult {
  network: string;
  historyMode: string;
  /** Where the tarball's data came from, and why. */
  source: ResolvedSource;
  /** stop-node: how long the node was down. */
  nodeDowntimeMs?: number;
  published: ArtifactMetadata[];
  recovery: RecoveryResult;
  /** Artifacts removed by retention (object keys). */
  expired: string[];
  pointers: LatestPointer[];
  indexUrl: string;
  siteUrl?: string;
  durations: Record<string, number>;
}

export async function run(config: PublishConfig, deps: PublishDeps): Promise<PublishResult> {
  return withPublishMetrics(config, deps, (seen) => publish(config, deps, seen));
}

async function publish(config: PublishConfig, deps: PublishDeps, seen: PublishSeen): Promise<PublishResult> {
  const { logger, clock } = deps;
  const started = clock.now();
  const durations: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = clock.now();
    try {
      return await logger.group(name, fn);
    } finally {
      durations[name] = clock.now() - t0;
    }
  };

  // Everything checkable is checked before anything is written. octez-node reads every source's head.
  const octezNode = new OctezNodeCli({
    binary: findExecutable(config.octezNode, {
      input: "octez-node",
      pathEnv: deps.pathEnv,
      installHint: "Install Octez on the runner (e.g. the octez-node Debian package) or set octez-node to its full path.",
    }),
    logger,
    env: deps.env,
    signal: deps.signal,
  });
  // Inputs (s3-endpoint, s3-region, public-url) win over the host environment's settings.
  const storeOptions = mergeStoreOptions(deps.storeOptions ?? {}, {
    s3: { ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}), ...(config.s3Region ? { region: config.s3Region } : {}), ...(config.publicUrl ? { publicBaseUrl: config.publicUrl } : {}) },
    gcs: config.publicUrl ? { publicBaseUrl: config.publicUrl } : {},
  });
  const store = deps.store ?? (await openStore(config.bucket.url, storeOptions, "bucket"));
  seen.store = store;
  const rpc = deps.rpc ?? createOctezRpc({ url: config.rpcUrl, logger, clock });
  const urlOf = (key: string) => (config.publicUrl ? `${config.publicUrl}/${key.split("/").map(encodeURIComponent).join("/")}` : store.publicUrl(key));
  const keys = indexKeys(config.sitePrefix);

  const version = await rpc.version();
  checkNetwork(config.network, version, `the node at ${rpc.url}`, logger);
  await checkNodeHistoryMode({ expected: config.historyMode, rpc, dataDir: config.dataDir, logger });
  const source = resolveSource(config, await findDataDirLockHolder(config.dataDir), logger);
  logger.info(`Source: ${source.kind} (${source.reason})`);
  const nodeUnit = source.kind === "stop-node" ? await prepareNodeUnit({ unit: config.nodeService!, pathEnv: deps.pathEnv, env: deps.env, logger }) : undefined;
  const status = await rpc.isBootstrapped();
  if (!status.bootstrapped) {
    throw new NotReadyError(`The node at ${rpc.url} is not bootstrapped (sync state: ${status.sync_state})`, { hint: "Publishing waits until the node has caught up; the next scheduled run tries again." });
  }

  // Before the lease and the first export: the tools, the work dir and a writable bucket.
  await checkBeforeRun(publishChecks(config, store, { pathEnv: deps.pathEnv, clock }), { logger, signal: deps.signal });

  const lease = await acquirePublishLease({ ...deps, store, network: config.network, mode: config.historyMode, ttlMs: config.leaseTtl });

  const workDir = await mkdtemp(join(config.workDir ?? tmpdir(), "publish-shots-"));
  try {
    const recovery = await timed("Check for leftovers of interrupted runs", () =>
      recoverLeftovers({ store, baseKey: keys.base, network: config.network, mode: config.historyMode, logger }),
    );
    // What recovery changed in base.json reaches the derived documents now, even if nothing is due.
    const base = await readBase(store, keys.base);
    // Also when a run died between base.json and tezos-snapshots.json: a not-due run must not leave the index behind.
    if (recovery.adopted.length || recovery.unindexed.length || !(await snapshotsIndexMatches(store, keys.snapshots, base))) {
      await refreshFromBase({ config, store, keys, clock, logger, urlOf });
    }

    const decisions = decideDue({
      entries: base,
      network: config.network,
      mode: config.historyMode,
      kinds: config.artifacts,
      minIntervalMs: config.minInterval,
      now: clock.now(),
    });
    const due = decisions.filter((d) => d.due).map((d) => d.kind);
    for (const d of decisions.filter((d) => !d.due)) {
      logger.notice(`${d.kind} of ${config.network} ${config.historyMode} is not due until ${new Date(d.dueAt).toISOString()} (newest block ${d.newest}, min-interval ${formatDuration(config.minInterval)})`);
    }
    if (due.length === 0) {
      const next = Math.min(...decisions.map((d) => d.dueAt));
      throw new NotReadyError(`Not due until ${new Date(next).toISOString()}: ${config.network} ${config.historyMode} was published less than ${formatDuration(config.minInterval)} ago`, {
        hint: "Nothing to do; this is a clean exit. Lower min-interval to publish more often.",
      });
    }

    // 1. data objects, each verified by head() after its upload, from the source's own data.
    const uploads: MadeArtifact[] = [];
    let nodeDowntimeMs: number | undefined;
    try {
      const newestLevel = (kind: (typeof due)[number]) => {
        const levels = base.filter((e) => e.chain_name === config.network && e.history_mode === config.historyMode && e.artifact_type === artifactTypeOf(kind)).map((e) => e.block_height);
        return levels.length ? Math.max(...levels) : undefined;
      };
      ({ downtimeMs: nodeDowntimeMs } = await makeArtifacts({
        config, deps, source, due, rpc, liveVersion: version, store, octezNode, workDir, newestLevel, uploaded: uploads, timed, nodeUnit,
        afterEachUpload: () => lease.renew(),
      }));
      // A data dir's head may not be final yet: publish only once the live chain has two blocks on it.
      for (const block of new Map(uploads.filter((u) => u.needsFinality).map((u) => [u.block.hash, u.block])).values()) {
        await timed(`Check block ${block.level} is final`, () =>
          waitForFinality({ rpc, target: block, clock, logger, waitMs: config.finalityTimeout, pollMs: deps.finalityPollMs ?? 5_000 }),
        );
      }
    } catch (error) {
      // Not published: no metadata or index names these objects, so remove them now.
      for (const { key } of uploads) await store.delete(key).catch(() => undefined);
      throw error;
    }

    // 2. per-artifact metadata, beside each object: each names its own data's block and octez version.
    const published: ArtifactMetadata[] = [];
    for (const { kind, key, upload, block, version: madeBy, snapshotVersion } of uploads) {
      const metadata = buildMetadata({
        block,
        filename: key.split("/").pop()!,
        url: urlOf(key),
        sha256: upload.sha256,
        size: upload.size,
        network: config.network,
        historyMode: config.historyMode,
        artifactType: artifactTypeOf(kind),
        version: madeBy,
        snapshotVersion,
      });
      await store.put(metadataKey(key), `${JSON.stringify(metadata, null, 2)}\n`, { contentType: "application/json", cacheControl: "no-cache" });
      published.push(metadata);
    }

    // 3. indexes (CAS), then 4. latest pointers, then the site; the lease must still be ours.
    await lease.renew();
    const pointers = await timed("Update indexes, latest pointers and the site", async () => {
      await addToBase(store, keys.base, published);
      return refreshFromBase({ config, store, keys, clock, logger, urlOf });
    });
    const siteUrl = config.site ? urlOf(joinSite(config.sitePrefix, "index.html")) : undefined;

    // 5. retention: out of the indexes and the site first, then the objects.
    const expired = await timed(`Retention (${describeRetention(config.retention)})`, () => applyRetention({ config, store, keys, clock, logger, urlOf, justPublished: published }));

    const result: PublishResult = {
      network: config.network,
      historyMode: config.historyMode,
      source,
      nodeDowntimeMs,
      published,
      recovery,
      expired,
      pointers,
      indexUrl: urlOf(keys.snapshots),
      siteUrl,
      durations: { ...durations, total: clock.now() - started },
    };
    const slack = deps.slack ?? createSlack({ token: config.slackToken, channel: config.slackChannel, logger });
    await notifySlack(slack, result, deps.runUrl);
    return result;
  } finally {
    await rm(workDir, { recursive: true, force: true });
    // A failed release must not hide the run's own outcome: the lease frees itself at its expiry.
    await lease.release().catch((error: unknown) =>
      logger.warning(`Could not release the lease ${leaseKey(config.network, config.historyMode)}: ${describeError(error)}; it frees itself after lease-ttl`),
    );
  }
}

interface IndexContext {
  config: PublishConfig;
  store: ObjectStore;
  keys: ReturnType<typeof indexKeys>;
  clock: Clock;
  logger: Logger;
  urlOf: (key: string) => string;
}

/** Everything derived from base.json, in publish order: tezos-snapshots.json, latest pointers, the site. */
async function refreshFromBase({ config, store, keys, clock, logger, urlOf }: IndexContext): Promise<LatestPointer[]> {
  await publishSnapshotsIndex(store, keys, config.org, urlOf(keys.schema), clock);
  const ours = (await readBase(store, keys.base)).filter((e) => e.chain_name === config.network && e.history_mode === config.historyMode);
  const pointers = await updatePointers({ store, network: config.network, mode: config.historyMode, entries: ours, urlOf, logger });
  if (config.site) await publishSite(store, keys.base, siteOptions(config, urlOf));
  return pointers;
}

function joinSite(prefix: string, name: string): string {
  return prefix ? `${prefix}/${name}` : name;
}

function siteOptions(config: PublishConfig, urlOf: (key: string) => string): SiteOptions {
  return { prefix: config.sitePrefix, org: config.org, indexUrl: urlOf(indexKeys(config.sitePrefix).snapshots), feedUrl: urlOf(joinSite(config.sitePrefix, "feed.xml")) };
}

/** Whether tezos-snapshots.json lists exactly the artifacts of base.json. */
async function snapshotsIndexMatches(store: ObjectStore, key: string, base: BaseEntry[]): Promise<boolean> {
  const doc = await readJson<{ data?: unknown }>(store, key).catch(() => null);
  const data = doc && Array.isArray(doc.value.data) ? (doc.value.data as BaseEntry[]) : [];
  if (!doc && base.length === 0) return true;
  const names = (entries: BaseEntry[]) => entries.map((e) => `${e.chain_name}/${e.filename}`).sort().join("\n");
  return names(data) === names(base);
}

/** tezos-snapshots.json and the schema it names, rebuilt from base.json. */
export async function publishSnapshotsIndex(store: ObjectStore, keys: ReturnType<typeof indexKeys>, org: string, schemaUrl: string, clock: Clock): Promise<void> {
  const schemaText = `${JSON.stringify(metadataSchema, null, 2)}\n`;
  await writeDerived(store, keys.schema, async () => schemaText, { contentType: "application/schema+json" });
  await writeDerived(
    store,
    keys.snapshots,
    async () => `${JSON.stringify(buildSnapshotsIndex(await readBase(store, keys.base), { org, schemaUrl, now: clock.now() }), null, 2)}\n`,
    { contentType: "application/json" },
  );
}

async function applyRetention(args: IndexContext & { justPublished: ArtifactMetadata[] }): Promise<string[]> {
  const { config, store, keys, logger } = args;
  const pointed = await pointedKeys(store, config.network);
  const ours = (e: BaseEntry) => e.chain_name === config.network && e.history_mode === config.historyMode;
  const isProtected = (e: BaseEntry) => pointed.has(artifactKey(config.network, e.filename)) || args.justPublished.some((p) => sameArtifact(p, e));
  const expired = selectExpired((await readBase(store, keys.base)).filter(ours), config.retention, args.clock.now(), isProtected);
  if (!expired.length) return [];
  const removed = await removeFromBase(store, keys.base, (e) => ours(e) && expired.some((x) => sameArtifact(x, e)) && !isProtected(e));
  await publishSnapshotsIndex(store, keys, config.org, args.urlOf(keys.schema), args.clock);
  if (config.site) await publishSite(store, keys.base, siteOptions(config, args.urlOf));
  const deleted: string[] = [];
  for (const entry of removed) {
    const key = artifactKey(config.network, entry.filename);
    await store.delete(metadataKey(key));
    await store.delete(key);
    deleted.push(key);
  }
  logger.info(`Retention removed ${deleted.length} artifact(s): ${deleted.join(", ")}`);
  return deleted;
}
