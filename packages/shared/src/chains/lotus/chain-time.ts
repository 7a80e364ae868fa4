import type { NetworkParams } from "./types";

/** Filecoin epochs are wall-clock slots: epoch n starts at genesis + n × block delay, null round or not. */
export interface ChainTime {
  genesisTimestamp: number;
  blockDelaySecs: number;
}

export function chainTimeOf(params: NetworkParams): ChainTime {
  return { genesisTimestamp: params.GenesisTimestamp, blockDelaySecs: params.BlockDelaySecs };
}

/** The epoch a synced node's head should be at, at nowMs. */
export function expectedHeight(time: ChainTime, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs / 1000 - time.genesisTimestamp) / time.blockDelaySecs));
}

/** When epoch begins, in milliseconds since the Unix epoch. */
export function epochStartMs(time: ChainTime, epoch: number): number {
  return (time.genesisTimestamp + epoch * time.blockDelaySecs) * 1000;
}
