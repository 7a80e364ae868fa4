/**
 * The parts of the Octez RPC answers chainops reads. Shapes follow the node's OpenAPI
 * (docs/api/rpc-openapi.json for /version and is_bootstrapped; the protocol spec's
 * /chains/{chain_id}/blocks/{block_id}/header for headers).
 */

/** `additional_info` of GET /version: "release", "dev", or {rc: n} / {beta: n} / {rc_dev: n} / {beta_dev: n}. */
export type OctezAdditionalInfo = "release" | "dev" | { rc: number } | { beta: number } | { rc_dev: number } | { beta_dev: number };

export interface OctezVersion {
  version: { major: number; minor: number; build: number; additional_info: OctezAdditionalInfo };
  network_version: { chain_name: string; distributed_db_version: number; p2p_version: number };
  commit_info: { commit_hash: string; commit_date: string } | null;
}

/** The shell part of a block header plus its hash and chain (protocol data is not read). */
export interface BlockHeader {
  protocol: string;
  chain_id: string;
  hash: string;
  level: number;
  proto: number;
  predecessor: string;
  /** As the node prints it, e.g. "2026-01-01T00:00:00Z". */
  timestamp: string;
  validation_pass: number;
  operations_hash: string;
  fitness: string[];
  context: string;
}

/**
 * GET /config/history_mode: the history mode of the node's storage. `history_mode` is "archive",
 * "full", "rolling" or {full: {additional_cycles}} / {rolling: {additional_cycles}} (rpc-openapi.json).
 */
export interface HistoryModeAnswer {
  history_mode: unknown;
  blocks_preservation_cycles?: number;
}

export type NodeHistoryMode = "archive" | "full" | "rolling";

/** "archive", "full" or "rolling" from any form octez prints (config.json's shell.history_mode, the RPC); undefined if none. */
export function historyModeName(value: unknown): NodeHistoryMode | undefined {
  if (value === "archive" || value === "full" || value === "rolling") return value;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === "full" || keys[0] === "rolling")) return keys[0];
  }
  return undefined;
}

export type SyncState = "synced" | "unsynced" | "stuck";

export interface BootstrapStatus {
  bootstrapped: boolean;
  sync_state: SyncState;
}

/** A block as the RPC path names it: "head", "head~2", a level, or a block hash. */
export type BlockId = "head" | `head~${number}` | number | string;

/** Tezos block hashes: Base58Check, prefix "B", 51 characters. */
export const BLOCK_HASH_PATTERN = /^B[1-9A-HJ-NP-Za-km-z]{50}$/;

export function isBlockHash(value: string): boolean {
  return BLOCK_HASH_PATTERN.test(value);
}
