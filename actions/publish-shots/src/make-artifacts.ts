import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, IntegrityError, NotReadyError, type Logger } from "@chainops/shared";
import { freshNodeConfig, readNodeConfig, type OctezNodeCli, type OctezRpc, type OctezVersion } from "@chainops/shared/chains/octez";
import type { SystemdUnit } from "@chainops/shared/exec";
import type { ObjectStore } from "@chainops/shared/storage";
import { compressAndUpload, type Compression, type UploadResult, type UploadSource } from "@chainops/shared/stream";
import { artifactFilename, artifactKey, type ArtifactKind } from "./artifact-names";
import type { PublishConfig } from "./config";
import { readDataHead, type DataHead } from "./data-head";
import type { PublishDeps } from "./run";
import type { ResolvedSource } from "./source";
import { withNodeStopped } from "./stop-node";
import { readTargetBlock, type TargetBlock } from "./target-block";
import { publishPhase } from "./publish-metrics";

/**
 * Never in a tarball: the node's identity and peers are its own, lock/lost+found are not data, and
 * config.json is the publisher's (its data dir, RPC and P2P addresses); `chainops shots fetch`
 * writes a fresh one for the network. Patterns match from the top: the chain dir's config.json in store/
 * (the store's own history mode and genesis) is data and stays.
 */
export const TARBALL_EXCLUDES = ["./identity.json", "./peers.json", "./lock", "./lost+found", "./config.json"];

/** An uploaded, verified data object and the block and octez version its metadata will name. */
export interface MadeArtifact {
  kind: ArtifactKind;
  key: string;
  upload: UploadResult;
  block: TargetBlock;
  version: OctezVersion;
  snapshotVersion?: number;
  /** The block is a data dir's head: published only once the live chain has two blocks on it. */
  needsFinality: boolean;
}

export interface MakeArtifactsArgs {
  config: PublishConfig;
  deps: PublishDeps;
  source: ResolvedSource;
  due: ArtifactKind[];
  rpc: OctezRpc;
  /** The live node's /version (for what is exported from the live node). */
  liveVersion: OctezVersion;
  store: ObjectStore;
  octezNode: OctezNodeCli;
  workDir: string;
  /** Newest published level per artifact kind: a copy that holds nothing newer is not published again. */
  newestLevel: (kind: ArtifactKind) => number | undefined;
  /** Each artifact as soon as it is uploaded (the caller deletes them if the run fails). */
  uploaded: MadeArtifact[];
  /** stop-node: the node's unit, checked active before the run took its lease. */
  nodeUnit?: SystemdUnit;
  /** Called after each verified upload (the lease is renewed there). */
  afterEachUpload: () => Promise<void>;
  timed: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
}

/** The data objects of one run, from the source it resolved; returns the node's downtime for stop-node. */
export async function makeArtifacts(args: MakeArtifactsArgs): Promise<{ downtimeMs?: number }> {
  const { config, source } = args;
  // Without a tarball due, nothing needs a stopped node: a rolling snapshot comes from the live one.
  if (source.kind === "snapshot-import" || (source.kind === "stop-node" && !args.due.includes("tarball"))) {
    await fromLiveSnapshot(args);
    return {};
  }
  if (source.kind === "copy") {
    const data = await readHead(args, config.dataDir);
    checkNewer(args, data);
    await fromQuiescentDataDir(args, data, args.due);
    return {};
  }
  // stop-node: only the tarball needs the node stopped; the rolling snapshot is exported from the
  // restarted node's store afterwards, at the block read while it was stopped.
  const { result: data, downtimeMs } = await withNodeStopped({ unit: args.nodeUnit!, dataDir: config.dataDir, clock: args.deps.clock, logger: args.deps.logger, signal: args.deps.signal }, async () => {
    const data = await readHead(args, config.dataDir);
    checkNewer(args, data);
    await fromQuiescentDataDir(args, data, args.due.filter((k) => k === "tarball"));
    return data;
  });
  await fromQuiescentDataDir(args, data, args.due.filter((k) => k === "rolling-snapshot"));
  return { downtimeMs };
}

function readHead(args: MakeArtifactsArgs, dataDir: string, networkFrom?: string): Promise<DataHead> {
  const { config, deps } = args;
  return args.timed(`Read the head of ${dataDir} (octez-node run, no peers)`, () =>
    readDataHead({ binary: args.octezNode.binary, dataDir, workDir: args.workDir, networkFrom, network: config.network, historyMode: config.historyMode, logger: deps.logger, env: deps.env, signal: deps.signal, startupTimeoutMs: deps.headlessStartupTimeoutMs }),
  );
}

/** The block of each artifact of a copy, checked newer than what is published (a copy not refreshed since the last run). */
function checkNewer(args: MakeArtifactsArgs, data: DataHead): void {
  for (const kind of args.due) {
    const block = kind === "tarball" ? data.head : data.final;
    const newest = args.newestLevel(kind);
    if (newest !== undefined && block.level <= newest) {
      throw new NotReadyError(`${args.config.dataDir} holds block ${data.head.level}: its ${kind} would be of block ${block.level}, and ${newest} is published already`, {
        hint: "The copy is not newer than the last publish. Refresh it (a new filesystem snapshot or copy) before the next run.",
      });
    }
  }
}

async function fromQuiescentDataDir(args: MakeArtifactsArgs, data: DataHead, kinds: ArtifactKind[]): Promise<void> {
  const { config } = args;
  for (const kind of kinds) {
    if (kind === "rolling-snapshot") {
      const { file, snapshotVersion } = await exportRolling(args, config.dataDir, data.final);
      await upload(args, { kind, block: data.final, version: data.version, snapshotVersion, needsFinality: false }, { kind: "file", path: file }, { kind: "none" }, "application/octet-stream");
      await rm(file, { force: true });
    } else {
      await upload(args, { kind, block: data.head, version: data.version, needsFinality: true }, tarOf(config.dataDir), { kind: "lz4" }, "application/x-lz4");
    }
  }
}

/** snapshot-import: one .rolling from the live node, uploaded as is and/or imported into a scratch dir that is tarred. */
async function fromLiveSnapshot(args: MakeArtifactsArgs): Promise<void> {
  const { config, deps } = args;
  const target = await readTargetBlock(args.rpc, "rolling");
  deps.logger.info(`Target block: level ${target.level}, ${target.hash}, ${target.timestamp} (head~2 of ${args.rpc.url})`);
  const { file, snapshotVersion } = await exportRolling(args, config.dataDir, target, { skipVerifyImport: args.due.includes("tarball") });
  if (args.due.includes("rolling-snapshot")) {
    await upload(args, { kind: "rolling-snapshot", block: target, version: args.liveVersion, snapshotVersion, needsFinality: false }, { kind: "file", path: file }, { kind: "none" }, "application/octet-stream");
  }
  if (args.due.includes("tarball")) {
    const scratch = join(args.workDir, "imported");
    await importInto(args, file, scratch, target);
    await rm(file, { force: true });
    const data = await readHead(args, scratch, config.dataDir);
    if (data.head.hash !== target.hash) {
      throw new IntegrityError(`The imported data dir's head is ${data.head.level} ${data.head.hash}, not the snapshot's block ${target.level} ${target.hash}`, {
        hint: "octez-node imported another block than exported; nothing was published. Check the octez-node version.",
      });
    }
    await upload(args, { kind: "tarball", block: data.head, version: data.version, needsFinality: false }, tarOf(scratch), { kind: "lz4" }, "application/x-lz4");
    await rm(scratch, { recursive: true, force: true });
  }
  await rm(file, { force: true });
}

function tarOf(dir: string): UploadSource {
  return { kind: "directory", path: dir, exclude: TARBALL_EXCLUDES };
}

/** octez-node snapshot export --rolling at the block, checked with snapshot info, optionally import-checked. */
async function exportRolling(args: MakeArtifactsArgs, dataDir: string, block: TargetBlock, options: { skipVerifyImport?: boolean } = {}): Promise<{ file: string; snapshotVersion: number }> {
  const file = join(args.workDir, artifactFilename("rolling-snapshot", args.config.network, args.config.historyMode, block.level));
  await rm(file, { force: true });
  args.deps.logger.info(`Exporting a rolling snapshot of block ${block.level} (${block.hash}) from ${dataDir}`);
  await args.octezNode.exportSnapshot({ block: block.hash, rolling: true, dataDir, file });
  const info = await args.octezNode.snapshotInfo(file);
  if (info.block_hash !== block.hash || info.level !== block.level) {
    throw new IntegrityError(`The exported snapshot holds block ${info.level} ${info.block_hash}, not the target ${block.level} ${block.hash}`, {
      hint: "octez-node exported another block than asked; nothing was uploaded. Check the octez-node version.",
    });
  }
  if (args.config.verifyImport && !options.skipVerifyImport) {
    const scratch = join(args.workDir, "verify-import");
    args.deps.logger.info(`Checking that ${file} imports (into a scratch data dir)`);
    await importInto(args, file, scratch, block);
    await rm(scratch, { recursive: true, force: true });
  }
  return { file, snapshotVersion: info.version };
}

/** octez-node imports for the network its config.json names (mainnet without one): the published node's network only. */
async function importInto(args: MakeArtifactsArgs, file: string, scratch: string, block: TargetBlock): Promise<void> {
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const network = (await readNodeConfig(args.config.dataDir))?.network;
  const config = freshNodeConfig(network);
  if (config === null) {
    throw new ConfigError("data-dir", `has a config.json whose network ${JSON.stringify(network)} octez-node does not know by name`, { value: args.config.dataDir });
  }
  await writeFile(join(scratch, "config.json"), config);
  await args.octezNode.importSnapshot({ file, dataDir: scratch, block: block.hash });
}

/** One pass source → compressor → sha256 + size → store, with progress, then head() confirms the size. */
async function upload(args: MakeArtifactsArgs, made: Omit<MadeArtifact, "key" | "upload">, source: UploadSource, compression: Compression, contentType: string): Promise<void> {
  const { deps, store, config } = args;
  const filename = artifactFilename(made.kind, config.network, config.historyMode, made.block.level);
  const key = artifactKey(config.network, filename);
  const result = await args.timed(publishPhase(filename), () =>
    compressAndUpload({ source, compression, store, key, contentType, logger: deps.logger, clock: deps.clock, signal: deps.signal, onProgress: deps.onProgress, pathEnv: deps.pathEnv, label: filename }),
  );
  const artifact: MadeArtifact = { ...made, key, upload: result };
  args.uploaded.push(artifact);
  await verifyStored(store, key, result, deps.logger);
  await args.afterEachUpload();
}

/** The verify step of the publish order: the stored object is there with the uploaded size. */
async function verifyStored(store: ObjectStore, key: string, upload: UploadResult, logger: Logger): Promise<void> {
  const info = await store.head(key);
  if (!info || info.size !== upload.size) {
    await store.delete(key).catch(() => undefined);
    throw new IntegrityError(`${store.url}/${key} is ${info ? `${info.size} bytes, not ${upload.size}` : "missing"} after upload`, {
      hint: "The upload did not land whole; nothing was published. Rerun; if it repeats, check the bucket's quota and the network.",
    });
  }
  logger.debug(`${key}: ${info.size} bytes stored`);
}
