/**
 * Lotus v1 JSON shapes, as the node sends them (see build/openrpc/full.json and
 * documentation/en/api-methods-v1-stable.md). Only the fields chainops reads are typed;
 * the rest are kept as they come.
 */

/** A CID in Lotus JSON: {"/": "bafy…"}. */
export interface CidJson {
  "/": string;
}

/** A tipset key is the list of its block CIDs; the empty key means "the heaviest tipset". */
export type TipSetKey = CidJson[];

export interface BlockHeader {
  Miner: string;
  Height: number;
  /** Unix seconds. */
  Timestamp: number;
  Parents: CidJson[];
  ParentWeight: string;
  ParentStateRoot: CidJson;
  ParentMessageReceipts: CidJson;
  Messages: CidJson;
  [field: string]: unknown;
}

export interface TipSet {
  Cids: CidJson[];
  Blocks: BlockHeader[];
  Height: number;
}

/** Lotus's sync stages (chain/sync.go SyncStageString). */
export const SyncStage = {
  Idle: 0,
  Headers: 1,
  PersistHeaders: 2,
  Messages: 3,
  SyncComplete: 4,
  SyncErrored: 5,
  FetchingMessages: 6,
} as const;

export interface ActiveSync {
  WorkerID: number;
  Base: TipSet | null;
  Target: TipSet | null;
  Stage: number;
  Height: number;
  Start: string;
  End: string;
  Message: string;
}

export interface SyncState {
  ActiveSyncs: ActiveSync[] | null;
  VMApplied: number;
}

export interface NetworkParams {
  NetworkName: string;
  BlockDelaySecs: number;
  /** Unix seconds of the genesis block. */
  GenesisTimestamp: number;
  [field: string]: unknown;
}

export interface LotusVersion {
  Version: string;
  APIVersion: number;
  BlockDelay: number;
  Agent?: string;
}

/** api.ChainExportConfig: what `lotus chain export-range --internal` sends. */
export interface ChainExportConfig {
  WriteBufferSize: number;
  NumWorkers: number;
  IncludeMessages: boolean;
  IncludeReceipts: boolean;
  IncludeStateRoots: boolean;
}

/** The key of a tipset as plain CID strings (for manifests and logs). */
export function tipSetKeyStrings(tipset: TipSet): string[] {
  return tipset.Cids.map((c) => c["/"]);
}
