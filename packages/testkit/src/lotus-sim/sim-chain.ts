import { createHash } from "node:crypto";
import * as dagCbor from "@ipld/dag-cbor";
import { CID } from "multiformats/cid";
import { create as createDigest } from "multiformats/hashes/digest";
import type { Clock } from "@chainops/shared";

const SHA2_256 = 0x12;

/** One block header as the simulator stores it: its CAR bytes and the Lotus JSON it serves. */
export interface SimBlock {
  cid: CID;
  /** DAG-CBOR bytes whose sha256 is cid's digest (so CAR readers can verify them). */
  bytes: Uint8Array;
  json: Record<string, unknown>;
}

export interface SimTipSet {
  height: number;
  blocks: SimBlock[];
  json: { Cids: { "/": string }[]; Blocks: Record<string, unknown>[]; Height: number };
}

export interface SimChainOptions {
  clock: Clock;
  networkName: string;
  blockDelaySecs: number;
  /** Unix seconds of genesis. */
  genesisTimestamp: number;
  /** Epochs without a tipset. */
  nullRounds: Set<number>;
}

/**
 * A deterministic Filecoin-shaped chain: epoch n starts at genesis + n × delay, some epochs are
 * null rounds, each tipset has 1–3 blocks whose CIDs are real DAG-CBOR/sha2-256 CIDs.
 */
export class SimChain {
  /** Head trails the wall clock by this many epochs (a node that is catching up). */
  behind = 0;
  private catchUpFrom: { at: number; behind: number; perMinute: number } | undefined;
  private readonly cache = new Map<number, SimTipSet>();
  private readonly byCid = new Map<string, number>();

  constructor(readonly options: SimChainOptions) {}

  /** The epoch the wall clock is at. */
  clockHeight(): number {
    return Math.max(0, Math.floor((this.options.clock.now() / 1000 - this.options.genesisTimestamp) / this.options.blockDelaySecs));
  }

  isNull(height: number): boolean {
    return height > 0 && this.options.nullRounds.has(height);
  }

  private nonNullAtOrBefore(height: number): number {
    let h = height;
    while (this.isNull(h)) h--;
    return h;
  }

  private blockCount(height: number): number {
    return height === 0 ? 1 : 1 + (height % 3);
  }

  /** Block CIDs at a height without building the tipset (parents refer to these). */
  private cidsAt(height: number): CID[] {
    return Array.from({ length: this.blockCount(height) }, (_, index) => this.core(height, index).cid);
  }

  /** What a block's CID is computed from: small and parent-free, so any height is cheap to make. */
  private core(height: number, index: number): { cid: CID; bytes: Uint8Array; miner: string; timestamp: number } {
    const miner = `f0${1000 + ((height * 7 + index * 13) % 5000)}`;
    const timestamp = this.options.genesisTimestamp + height * this.options.blockDelaySecs;
    const bytes = dagCbor.encode({ network: this.options.networkName, height, index, miner, timestamp });
    const cid = CID.createV1(dagCbor.code, createDigest(SHA2_256, createHash("sha256").update(bytes).digest()));
    return { cid, bytes, miner, timestamp };
  }

  /** From now on the head trails by `behind` epochs and gains `epochsPerMinute` on the clock (a syncing node). */
  catchUp(behind: number, epochsPerMinute: number): void {
    this.catchUpFrom = { at: this.options.clock.now(), behind, perMinute: epochsPerMinute };
  }

  /** Epochs the head trails the clock right now. */
  lag(): number {
    const c = this.catchUpFrom;
    if (!c) return this.behind;
    return Math.max(0, Math.ceil(c.behind - ((this.options.clock.now() - c.at) / 60_000) * c.perMinute));
  }

  head(): SimTipSet {
    return this.atOrBefore(Math.max(0, this.clockHeight() - this.lag()));
  }

  /** The tipset at height or, across null rounds, the last one before it (as ChainGetTipSetByHeight). */
  atOrBefore(height: number): SimTipSet {
    return this.tipset(this.nonNullAtOrBefore(height));
  }

  /** Height of the tipset with exactly these block CIDs, or undefined. */
  heightOfKey(cids: string[]): number | undefined {
    if (cids.length === 0) return undefined;
    const height = this.byCid.get(cids[0]!);
    if (height === undefined) return undefined;
    const known = this.tipset(height).json.Cids.map((c) => c["/"]);
    return known.length === cids.length && known.every((c, i) => c === cids[i]) ? height : undefined;
  }

  tipset(height: number): SimTipSet {
    const cached = this.cache.get(height);
    if (cached) return cached;
    const parents = height === 0 ? [] : this.cidsAt(this.nonNullAtOrBefore(height - 1)).map((cid) => ({ "/": cid.toString() }));
    const blocks: SimBlock[] = [];
    for (let index = 0; index < this.blockCount(height); index++) blocks.push(this.block(height, index, parents));
    const tipset: SimTipSet = {
      height,
      blocks,
      json: { Cids: blocks.map((b) => ({ "/": b.cid.toString() })), Blocks: blocks.map((b) => b.json), Height: height },
    };
    this.cache.set(height, tipset);
    for (const block of blocks) this.byCid.set(block.cid.toString(), height);
    return tipset;
  }

  private block(height: number, index: number, parents: { "/": string }[]): SimBlock {
    const { cid, bytes, miner, timestamp } = this.core(height, index);
    const derived = (what: string) => ({ "/": CID.createV1(dagCbor.code, createDigest(SHA2_256, createHash("sha256").update(`${what}:${cid}`).digest())).toString() });
    const proof = (what: string, length: number) => createHash("sha512").update(`${what}:${cid}`).digest().subarray(0, length).toString("base64");
    return {
      cid,
      bytes,
      json: {
        Miner: miner,
        Ticket: { VRFProof: proof("ticket", 48) + proof("ticket2", 48) },
        ElectionProof: { WinCount: 1, VRFProof: proof("election", 48) + proof("election2", 48) },
        BeaconEntries: [{ Round: 17_000_000 + height * 10, Data: proof("beacon", 48) }],
        WinPoStProof: [{ PoStProof: 3, ProofBytes: proof("post", 64) + proof("post2", 64) }],
        Parents: parents,
        ParentWeight: String(100_000_000 + height * 24),
        Height: height,
        ParentStateRoot: derived("stateroot"),
        ParentMessageReceipts: derived("receipts"),
        Messages: derived("messages"),
        BLSAggregate: { Type: 2, Data: proof("bls", 64) + proof("bls2", 32) },
        Timestamp: timestamp,
        BlockSig: { Type: 2, Data: proof("sig", 64) + proof("sig2", 32) },
        ForkSignaling: 0,
        ParentBaseFee: "100",
      },
    };
  }
}
