import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, describeError, IntegrityError, NotReadyError, type Clock, type Logger } from "@chainops/shared";
import { createOctezRpc, OctezNodeCli, type OctezRpc, type OctezVersion } from "@chainops/shared/chains/octez";
import { findExecutable } from "@chainops/shared/exec";
import type { GitHubRunCheck, LeaseHolder } from "@chainops/shared/lease";
import { formatDuration } from "@chainops/shared/config";
import { createSlack, type Slack } from "@chainops/shared/notify";
import { mergeStoreOptions, openStore, readJson, type ObjectStore, type StoreOptions } from "@chainops/shared/storage";
import { compressAndUpload, type Compression, type TransferProgress, type UploadResult, type UploadSource } from "@chainops/shared/stream";
import { artifactFilename, artifactKey, artifactTypeOf, metadataKey, type ArtifactKind } from "./artifact-names";
import type { PublishConfig } from "./config";
import { addToBase, buildSnapshotsIndex, indexKeys, readBase, removeFromBase, sameArtifact, writeDerived, type BaseEntry } from "./indexes";
import { acquirePublishLease, leaseKey } from "./lease";
import { pointedKeys, updatePointers, type LatestPointer } from "./latest-pointers";
import { buildMetadata, type ArtifactMetadata } from "./metadata";
import { metadataSchema } from "./metadata-schema";
import { notifySlack } from "./notify-slack";
import { recoverLeftovers, type RecoveryResult } from "./recover";
import { describeRetention, selectExpired } from "./retention";
import { publishSite, type SiteOptions } from "./site";
import { decideDue } from "./throttle";
import { readTargetBlock, waitForFinality, type TargetBlock } from "./target-block";

/** Never in a tarball: the node's identity and peers are its own, lock/lost+found are not data. */
export const TARBALL_EXCLUDES = ["./identity.json", "./peers.json", "./lock", "./lost+found"];

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
}

export interface PublishResult {
  network: string;
  historyMode: string;
  published: ArtifactMetadata[];
  recovery: RecoveryResult;
  /** Artifacts removed by retention (object keys). */
  expired: string[];
  pointers: LatestPointer[];
  indexUrl: string;
  siteUrl?: string;
  durations: Record<string, number>;
}

/** The node's chain_name per network, where it is fixed. */
const CHAIN_NAMES: Record<string, string> = {
  mainnet: "TEZOS_MAINNET",
  ghostnet: "TEZOS_ITHACANET_2022-01-25T15:00:00Z",
};

/** Refuses to publish one network's data under another network's name. */
export function checkNetwork(network: string, version: OctezVersion, rpcUrl: string, logger: Logger): void {
  const chainName = version.network_version.chain_name;
  const expected = CHAIN_NAMES[network];
  if (expected ? chainName === expected : chainName.toUpperCase().includes(network.toUpperCase())) return;
  if (expected || Object.values(CHAIN_NAMES).includes(chainName)) {
    throw new ConfigError("network", `is ${network}, but the node at ${rpcUrl} is on ${chainName}`, {
      value: network,
      hint: "Point rpc-url at the node whose data-dir you publish, or fix network.",
    });
  }
  logger.warning(`The node's chain is ${chainName}; publishing it as ${network} (custom network)`);
}

export async function run(config: PublishConfig, deps: PublishDeps): Promise<PublishResult> {
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

  // Everything checkable is checked before anything is written.
  const needsNode = config.artifacts.includes("rolling-snapshot");
  const octezNode = needsNode
    ? new OctezNodeCli({
        binary: findExecutable(config.octezNode, {
          input: "octez-node",
          pathEnv: deps.pathEnv,
          installHint: "Install Octez on the runner (e.g. the octez-node Debian package) or set octez-node to its full path.",
        }),
        logger,
        env: deps.env,
        signal: deps.signal,
      })
    : undefined;
  // Inputs (s3-endpoint, s3-region, public-url) win over the host environment's settings.
  const storeOptions = mergeStoreOptions(deps.storeOptions ?? {}, {
    s3: { ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}), ...(config.s3Region ? { region: config.s3Region } : {}), ...(config.publicUrl ? { publicBaseUrl: config.publicUrl } : {}) },
    gcs: config.publicUrl ? { publicBaseUrl: config.publicUrl } : {},
  });
  const store = deps.store ?? (await openStore(config.bucket.url, storeOptions, "bucket"));
  const rpc = deps.rpc ?? createOctezRpc({ url: config.rpcUrl, logger, clock });
  const urlOf = (key: string) => (config.publicUrl ? `${config.publicUrl}/${key.split("/").map(encodeURIComponent).join("/")}` : store.publicUrl(key));
  const keys = indexKeys(config.sitePrefix);

  const version = await rpc.version();
  checkNetwork(config.network, version, rpc.url, logger);
  const status = await rpc.isBootstrapped();
  if (!status.bootstrapped) {
    throw new NotReadyError(`The node at ${rpc.url} is not bootstrapped (sync state: ${status.sync_state})`, { hint: "Publishing waits until the node has caught up; the next scheduled run tries again." });
  }

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

    const target = await readTargetBlock(rpc, config.historyMode);
    logger.info(`Target block: level ${target.level}, ${target.hash}, ${target.timestamp}`);

    // 1. data objects, each verified by head() after its upload.
    const uploads: Array<{ kind: ArtifactKind; key: string; upload: UploadResult; snapshotVersion?: number }> = [];
    try {
      for (const kind of due) {
        const filename = artifactFilename(kind, config.network, config.historyMode, target.level);
        const key = artifactKey(config.network, filename);
        const made = await timed(`Publish ${filename}`, () =>
          kind === "rolling-snapshot"
            ? publishRollingSnapshot({ config, deps, octezNode: octezNode!, store, key, filename, target, workDir })
            : publishTarball({ config, deps, store, key, filename }),
        );
        await verifyStored(store, key, made.upload);
        uploads.push({ kind, key, ...made });
        await lease.renew();
      }
      if (config.historyMode === "archive") {
        await timed("Check the block is final", () =>
          waitForFinality({ rpc, target, clock, logger, waitMs: config.finalityTimeout, pollMs: deps.finalityPollMs ?? 5_000 }),
        );
      }
    } catch (error) {
      // Not published: no metadata or index names these objects, so remove them now.
      for (const { key } of uploads) await store.delete(key).catch(() => undefined);
      throw error;
    }

    // 2. per-artifact metadata, beside each object.
    const published: ArtifactMetadata[] = [];
    for (const { kind, key, upload, snapshotVersion } of uploads) {
      const metadata = buildMetadata({
        block: target,
        filename: key.split("/").pop()!,
        url: urlOf(key),
        sha256: upload.sha256,
        size: upload.size,
        network: config.network,
        historyMode: config.historyMode,
        artifactType: artifactTypeOf(kind),
        version,
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

async function publishRollingSnapshot(args: {
  config: PublishConfig;
  deps: PublishDeps;
  octezNode: OctezNodeCli;
  store: ObjectStore;
  key: string;
  filename: string;
  target: TargetBlock;
  workDir: string;
}): Promise<{ upload: UploadResult; snapshotVersion: number }> {
  const { config, deps, octezNode, target } = args;
  const file = join(args.workDir, args.filename);
  await octezNode.exportSnapshot({ block: target.hash, rolling: true, dataDir: config.dataDir, file });
  const info = await octezNode.snapshotInfo(file);
  if (info.block_hash !== target.hash || info.level !== target.level) {
    throw new IntegrityError(`The exported snapshot holds block ${info.level} ${info.block_hash}, not the target ${target.level} ${target.hash}`, {
      hint: "octez-node exported another block than asked; nothing was uploaded. Check the octez-node version.",
    });
  }
  if (config.verifyImport) {
    const scratch = join(args.workDir, "verify-import");
    await mkdir(scratch, { recursive: true });
    // octez-node imports for the network its config.json names (mainnet without one).
    await writeScratchConfig(config.dataDir, scratch);
    deps.logger.info(`Checking that ${args.filename} imports (into a scratch data dir)`);
    await octezNode.importSnapshot({ file, dataDir: scratch, block: target.hash });
    await rm(scratch, { recursive: true, force: true });
  }
  const upload = await uploadArtifact(args, { kind: "file", path: file }, { kind: "none" }, "application/octet-stream");
  await rm(file, { force: true });
  return { upload, snapshotVersion: info.version };
}

/** A config.json for the import check with only the published node's network (no RPC or P2P settings). */
async function writeScratchConfig(dataDir: string, scratch: string): Promise<void> {
  let network: unknown;
  try {
    network = (JSON.parse(await readFile(join(dataDir, "config.json"), "utf8")) as { network?: unknown }).network;
  } catch {
    return; // No readable config: the node itself runs on the default network, so does the import.
  }
  if (network !== undefined) await writeFile(join(scratch, "config.json"), `${JSON.stringify({ network }, null, 2)}\n`);
}

async function publishTarball(args: UploadArgs & { config: PublishConfig }): Promise<{ upload: UploadResult }> {
  const source: UploadSource = { kind: "directory", path: args.config.dataDir, exclude: TARBALL_EXCLUDES };
  return { upload: await uploadArtifact(args, source, { kind: "lz4" }, "application/x-lz4") };
}

interface UploadArgs {
  deps: PublishDeps;
  store: ObjectStore;
  key: string;
  filename: string;
}

/** One pass source → compressor → sha256 + size → store, with progress lines (or the CLI's bar). */
function uploadArtifact({ deps, store, key, filename }: UploadArgs, source: UploadSource, compression: Compression, contentType: string): Promise<UploadResult> {
  return compressAndUpload({
    source,
    compression,
    store,
    key,
    contentType,
    logger: deps.logger,
    clock: deps.clock,
    signal: deps.signal,
    onProgress: deps.onProgress,
    pathEnv: deps.pathEnv,
    label: filename,
  });
}

/** The verify step of the publish order: the stored object is there with the uploaded size. */
async function verifyStored(store: ObjectStore, key: string, upload: UploadResult): Promise<void> {
  const info = await store.head(key);
  if (!info || info.size !== upload.size) {
    await store.delete(key).catch(() => undefined);
    throw new IntegrityError(`${store.url}/${key} is ${info ? `${info.size} bytes, not ${upload.size}` : "missing"} after upload`, {
      hint: "The upload did not land whole; nothing was published. Rerun; if it repeats, check the bucket's quota and the network.",
    });
  }
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
