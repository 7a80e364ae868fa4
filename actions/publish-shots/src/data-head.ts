import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, UpstreamError, type Logger } from "@chainops/shared";
import { freshNodeConfig, historyModeName, readNodeConfig, withHeadlessNode, type OctezVersion } from "@chainops/shared/chains/octez";
import type { HistoryMode } from "./artifact-names";
import { checkHistoryMode, checkNetwork } from "./node-checks";
import { FINALITY_DEPTH, type TargetBlock } from "./target-block";

/** What a data dir holds, as octez-node itself reads it. */
export interface DataHead {
  /** The store's head: what a tarball of the dir holds. */
  head: TargetBlock;
  /** head~2: the block a rolling snapshot of the dir is exported at. */
  final: TargetBlock;
  /** The octez-node that read it (and the one that exports from it). */
  version: OctezVersion;
}

export interface ReadDataHeadArgs {
  binary: string;
  dataDir: string;
  /** Where the run's own config.json for the headless node goes (outside dataDir). */
  workDir: string;
  /** The data dir whose config.json names the network (default dataDir). */
  networkFrom?: string;
  network: string;
  historyMode: HistoryMode;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  startupTimeoutMs?: number;
}

/**
 * Runs octez-node headless on the data dir (no peers, no network) and asks it for its head, head~2,
 * version and history mode, so the metadata describes what the data holds, not what the live node
 * has reached meanwhile. Refuses a data dir of another network or history mode.
 */
export async function readDataHead(args: ReadDataHeadArgs): Promise<DataHead> {
  const configFile = join(args.workDir, "headless-config.json");
  const network = (await readNodeConfig(args.networkFrom ?? args.dataDir))?.network;
  const config = freshNodeConfig(network);
  if (config === null) {
    throw new ConfigError("data-dir", `has a config.json whose network ${JSON.stringify(network)} octez-node does not know by name`, {
      value: args.dataDir,
      hint: "Set network in its config.json to the network's full definition (as octez-node config init --network <url> writes it).",
    });
  }
  await writeFile(configFile, config);
  const where = `the data in ${args.dataDir}`;
  return withHeadlessNode({ binary: args.binary, dataDir: args.dataDir, configFile, logger: args.logger, env: args.env, signal: args.signal, startupTimeoutMs: args.startupTimeoutMs }, async (rpc) => {
    const version = await rpc.version();
    checkNetwork(args.network, version, where, args.logger);
    const mode = await rpc.historyMode();
    checkHistoryMode(args.historyMode, historyModeName(mode.history_mode), where, "octez-node run on it, GET /config/history_mode");
    const head = await rpc.header("head");
    const final = await rpc.header(`head~${FINALITY_DEPTH}`).catch((cause: unknown) => {
      throw new UpstreamError(`${where} has no block ${FINALITY_DEPTH} below its head (level ${head.level})`, { cause, hint: "Is the store complete? A rolling snapshot is exported two blocks below the head." });
    });
    const block = (h: typeof head): TargetBlock => ({ hash: h.hash, level: h.level, timestamp: h.timestamp });
    args.logger.info(`${where} holds block ${head.level} (${head.hash}, ${head.timestamp}), read by octez-node ${version.version.major}.${version.version.minor}`);
    return { head: block(head), final: block(final), version };
  });
}
