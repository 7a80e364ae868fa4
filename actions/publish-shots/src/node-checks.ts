import { ConfigError, NotFoundError, type Logger } from "@chainops/shared";
import { historyModeName, readNodeConfig, type NodeHistoryMode, type OctezRpc, type OctezVersion } from "@chainops/shared/chains/octez";
import type { HistoryMode } from "./artifact-names";

/** The node's chain_name per network, where it is fixed. */
const CHAIN_NAMES: Record<string, string> = {
  mainnet: "TEZOS_MAINNET",
  ghostnet: "TEZOS_ITHACANET_2022-01-25T15:00:00Z",
};

/**
 * Refuses to publish one network's data under another network's name. `node` says which node
 * answered: "the node at http://…" or "the data in /var/tezos/copy".
 */
export function checkNetwork(network: string, version: OctezVersion, node: string, logger: Logger): void {
  const chainName = version.network_version.chain_name;
  const expected = CHAIN_NAMES[network];
  if (expected ? chainName === expected : chainName.toUpperCase().includes(network.toUpperCase())) return;
  if (expected || Object.values(CHAIN_NAMES).includes(chainName)) {
    throw new ConfigError("network", `is ${network}, but ${node} is on ${chainName}`, {
      value: network,
      hint: "Point rpc-url at the node whose data-dir you publish, or fix network.",
    });
  }
  logger.warning(`The chain of ${node} is ${chainName}; publishing it as ${network} (custom network)`);
}

/** Refuses history-mode archive for a rolling node (or the other way round), naming both. */
export function checkHistoryMode(expected: HistoryMode, actual: NodeHistoryMode | undefined, node: string, how: string): void {
  if (actual === undefined || actual === expected) return;
  throw new ConfigError("history-mode", `is ${expected}, but ${node} runs in ${actual} mode (${how})`, {
    value: expected,
    hint: actual === "full"
      ? "publish-shots publishes rolling or archive nodes; a full node's data is neither. Point it at a rolling or an archive node."
      : `Set history-mode to ${actual}, or point rpc-url and data-dir at a ${expected} node.`,
  });
}

/**
 * The live node's storage mode (GET /config/history_mode; an octez-node too old to have that RPC
 * is skipped) and what data-dir's config.json says (shell.history_mode), both against history-mode.
 */
export async function checkNodeHistoryMode(args: { expected: HistoryMode; rpc: OctezRpc; dataDir: string; logger: Logger }): Promise<void> {
  const config = await readNodeConfig(args.dataDir);
  if (config) checkHistoryMode(args.expected, config.historyMode, `the node of data-dir`, `${config.path} says shell.history_mode ${JSON.stringify(config.historyModeRaw)}`);
  try {
    const answer = await args.rpc.historyMode();
    checkHistoryMode(args.expected, historyModeName(answer.history_mode), `the node at ${args.rpc.url}`, "its GET /config/history_mode");
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    args.logger.debug(`${args.rpc.url} has no GET /config/history_mode; checked data-dir's config.json only`);
  }
}
