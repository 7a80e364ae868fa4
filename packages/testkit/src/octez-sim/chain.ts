import type { Clock } from "@chainops/shared";
import { PREFIX, base58check, digest } from "./base58check";

export interface OctezSimChainOptions {
  clock: Clock;
  /** Network name as chainops spells it: mainnet, ghostnet, … (default "mainnet"). */
  network?: string;
  /** Time between blocks (default 8 s, as on mainnet since Paris). */
  blockIntervalMs?: number;
  /** Head level at the clock's current time (default 8_000_000). */
  headLevel?: number;
}

/** One block as the simulator serves it. */
export interface OctezSimBlock {
  hash: string;
  level: number;
  predecessor: string;
  timestamp: string;
  /** Milliseconds since the epoch (whole seconds, as block timestamps are). */
  time: number;
}

const KNOWN_CHAINS: Record<string, { chainId: string; chainName: string }> = {
  mainnet: { chainId: "NetXdQprcVkpaWU", chainName: "TEZOS_MAINNET" },
  ghostnet: { chainId: "NetXnHfVqm9iesp", chainName: "TEZOS_ITHACANET_2022-01-25T15:00:00Z" },
};

/**
 * A Tezos chain that advances on an injected clock: level L was baked at genesis + L × interval.
 * Hashes are real Base58Check strings derived from (network, level, branch), so a reorg
 * (reorgFrom) changes the hashes from that level up, as a real one would.
 */
export class OctezSimChain {
  readonly network: string;
  readonly chainId: string;
  /** network_version.chain_name of /version, e.g. TEZOS_MAINNET. */
  readonly chainName: string;
  readonly blockIntervalMs: number;
  readonly protocol: string;
  private readonly genesisMs: number;
  private readonly reorgs: number[] = [];
  private frozenHead: number | undefined;
  private readonly hashes = new Map<string, string>();
  private readonly levelOfHash = new Map<string, number>();

  constructor(private readonly options: OctezSimChainOptions) {
    this.network = options.network ?? "mainnet";
    this.blockIntervalMs = options.blockIntervalMs ?? 8_000;
    const known = KNOWN_CHAINS[this.network];
    this.chainId = known?.chainId ?? base58check(PREFIX.chainId, digest(`chain/${this.network}`, 4));
    this.chainName = known?.chainName ?? `TEZOS_${this.network.toUpperCase()}_2026-01-01T00:00:00Z`;
    this.protocol = base58check(PREFIX.protocolHash, digest("protocol/ushuaia"));
    const now = Math.floor(options.clock.now() / 1000) * 1000;
    this.genesisMs = now - (options.headLevel ?? 8_000_000) * this.blockIntervalMs;
  }

  /** The level of the newest block at the clock's current time (or the frozen head). */
  headLevel(): number {
    if (this.frozenHead !== undefined) return this.frozenHead;
    return Math.max(0, Math.floor((this.options.clock.now() - this.genesisMs) / this.blockIntervalMs));
  }

  /** Stops the chain at its current head (a stuck node), or lets it run again with undefined. */
  freeze(frozen = true): void {
    this.frozenHead = frozen ? this.headLevel() : undefined;
  }

  /** Replaces every block from `level` up with a different branch. */
  reorgFrom(level: number): void {
    this.reorgs.push(level);
  }

  block(level: number): OctezSimBlock {
    const time = this.genesisMs + level * this.blockIntervalMs;
    return {
      hash: this.hashAt(level),
      level,
      predecessor: level === 0 ? this.hashAt(0) : this.hashAt(level - 1),
      timestamp: new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z"),
      time,
    };
  }

  /** head, head~N, a level or a hash; undefined when the chain has no such block (yet). */
  resolve(id: string): OctezSimBlock | undefined {
    const head = this.headLevel();
    const relative = /^head(?:~(\d+))?$/.exec(id);
    if (relative) {
      const level = head - Number(relative[1] ?? 0);
      return level >= 0 ? this.block(level) : undefined;
    }
    if (/^\d+$/.test(id)) {
      const level = Number(id);
      return level <= head ? this.block(level) : undefined;
    }
    // A hash: one the simulator handed out before, or one of the last few hundred blocks.
    const seen = this.levelOfHash.get(id);
    if (seen !== undefined && seen <= head && this.hashAt(seen) === id) return this.block(seen);
    for (let level = head; level >= Math.max(0, head - 500); level--) {
      if (this.hashAt(level) === id) return this.block(level);
    }
    return undefined;
  }

  /** The full header JSON of GET /chains/main/blocks/<id>/header. */
  header(block: OctezSimBlock): Record<string, unknown> {
    return {
      protocol: this.protocol,
      chain_id: this.chainId,
      hash: block.hash,
      level: block.level,
      proto: 22,
      predecessor: block.predecessor,
      timestamp: block.timestamp,
      validation_pass: 4,
      operations_hash: base58check(PREFIX.operationListListHash, digest(`ops/${block.hash}`)),
      fitness: ["02", block.level.toString(16).padStart(8, "0"), "", "ffffffff", "00000000"],
      context: base58check(PREFIX.contextHash, digest(`context/${block.hash}`)),
      payload_hash: base58check([1, 106, 242], digest(`payload/${block.hash}`)),
      payload_round: 0,
      proof_of_work_nonce: digest(`pow/${block.hash}`, 8).toString("hex"),
      liquidity_baking_toggle_vote: "pass",
      adaptive_issuance_vote: "pass",
      signature: base58check(PREFIX.signature, digest(`sig/${block.hash}`, 64)),
    };
  }

  private hashAt(level: number): string {
    const branch = this.reorgs.filter((from) => level >= from).length;
    const key = `${level}/${branch}`;
    let hash = this.hashes.get(key);
    if (!hash) {
      hash = base58check(PREFIX.blockHash, digest(`block/${this.network}/${key}`));
      this.hashes.set(key, hash);
      this.levelOfHash.set(hash, level);
    }
    return hash;
  }
}
