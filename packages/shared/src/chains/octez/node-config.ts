import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { historyModeName, type NodeHistoryMode } from "./rpc-types";

/**
 * The networks octez-node knows by name in config.json's `network` (rpc-openapi.json's /config
 * `network`: the string forms). Any other network needs the full object (genesis, chain_name, …).
 */
export const OCTEZ_NETWORK_ALIASES = ["mainnet", "ghostnet", "shadownet", "sandbox"] as const;

/** What chainops reads of a data dir's config.json; everything else in it is host-specific. */
export interface NodeConfigFacts {
  /** Path of the file read. */
  path: string;
  /** `network` as written: an alias, a custom network object, or undefined (octez-node then runs mainnet). */
  network: unknown;
  /** shell.history_mode as "archive" | "full" | "rolling", when the file sets one. */
  historyMode: NodeHistoryMode | undefined;
  /** shell.history_mode as written. */
  historyModeRaw: unknown;
}

/** Reads `<dataDir>/config.json`; null when there is none or it is not JSON (the node then uses its defaults). */
export async function readNodeConfig(dataDir: string): Promise<NodeConfigFacts | null> {
  const path = join(dataDir, "config.json");
  let parsed: { network?: unknown; shell?: { history_mode?: unknown } };
  try {
    parsed = JSON.parse(await readFile(path, "utf8")) as typeof parsed;
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const raw = parsed.shell?.history_mode;
  return { path, network: parsed.network, historyMode: historyModeName(raw), historyModeRaw: raw };
}

/**
 * A config.json with nothing of any host: only the network, as `octez-node config init --network`
 * would name it. Returns null for a network octez-node does not know by name and no definition is
 * given (the caller must then point at the network's own config).
 */
export function freshNodeConfig(network: unknown): string | null {
  if (network === undefined) return `${JSON.stringify({}, null, 2)}\n`;
  if (typeof network === "string" && !(OCTEZ_NETWORK_ALIASES as readonly string[]).includes(network)) return null;
  if (typeof network !== "string" && (typeof network !== "object" || network === null || Array.isArray(network))) return null;
  return `${JSON.stringify({ network }, null, 2)}\n`;
}
