import { BusyError, ConflictError, type Clock, type Logger } from "@chainops/shared";
import { joinKey, readJson, type ObjectStore } from "@chainops/shared/storage";
import type { HistoryMode } from "./artifact-names";

export interface LeaseDocument {
  holder: string;
  network: string;
  history_mode: HistoryMode;
  acquired_at: string;
  expires_at: string;
  /** Set when released: the lease is free from then on. */
  released_at?: string;
  run_url?: string;
}

export function leaseKey(network: string, mode: HistoryMode): string {
  return joinKey(network, "leases", `${mode}.json`);
}

/**
 * One publisher per network+mode: a lease object taken by compare-and-swap, with an expiry so a
 * crashed run blocks the next one for at most the TTL. Renew it before long steps; if renewing
 * finds someone else holds it, this run must stop before it touches the indexes.
 */
export class Lease {
  private version: string | undefined;
  private acquiredAt = "";

  constructor(
    private readonly store: ObjectStore,
    private readonly key: string,
    private readonly options: { holder: string; network: string; mode: HistoryMode; ttlMs: number; clock: Clock; logger: Logger; runUrl?: string },
  ) {}

  private doc(expiresAt: number, released?: number): LeaseDocument {
    return {
      holder: this.options.holder,
      network: this.options.network,
      history_mode: this.options.mode,
      acquired_at: this.acquiredAt,
      expires_at: new Date(expiresAt).toISOString(),
      ...(released !== undefined ? { released_at: new Date(released).toISOString() } : {}),
      ...(this.options.runUrl ? { run_url: this.options.runUrl } : {}),
    };
  }

  /** Takes the lease, or throws BusyError naming who holds it and until when. */
  async acquire(): Promise<void> {
    const { clock } = this.options;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const current = await readJson<Partial<LeaseDocument>>(this.store, this.key);
      const now = clock.now();
      const held = current && !current.value.released_at && Date.parse(String(current.value.expires_at)) > now;
      if (held && current.value.holder !== this.options.holder) {
        const who = current.value.run_url ? `${current.value.holder} (${current.value.run_url})` : String(current.value.holder);
        throw new BusyError(`Another publisher holds ${this.store.url}/${this.key}: ${who}, since ${current.value.acquired_at}, until ${current.value.expires_at}`, {
          hint: "Wait for it to finish. If that run crashed, the lease frees itself at expires_at (or delete the lease object).",
        });
      }
      if (current && !held) this.options.logger.info(`Taking over a ${current.value.released_at ? "released" : "expired"} lease of ${current.value.holder}`);
      this.acquiredAt = new Date(now).toISOString();
      try {
        const info = await this.store.putIfMatch(this.key, `${JSON.stringify(this.doc(now + this.options.ttlMs), null, 2)}\n`, current?.version ?? null, {
          contentType: "application/json",
          cacheControl: "no-cache",
        });
        this.version = info.version;
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // Someone wrote the lease between our read and write: read again and decide.
      }
    }
    throw new BusyError(`Could not take ${this.store.url}/${this.key}: it keeps changing under us`, { hint: "Another publisher is starting at the same time; try again later." });
  }

  /** Extends the lease; throws BusyError if it is no longer ours (expired and taken). */
  async renew(): Promise<void> {
    if (this.version === undefined) throw new BusyError(`Lease ${this.key} is not held`);
    try {
      const info = await this.store.putIfMatch(this.key, `${JSON.stringify(this.doc(this.options.clock.now() + this.options.ttlMs), null, 2)}\n`, this.version, {
        contentType: "application/json",
        cacheControl: "no-cache",
      });
      this.version = info.version;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      this.version = undefined;
      throw new BusyError(`Lost the lease ${this.store.url}/${this.key} to another publisher`, {
        hint: "This run took longer than lease-ttl; raise lease-ttl above the longest export + upload time.",
      });
    }
  }

  /** Marks the lease released (CAS, so a lease someone else took over is left alone). */
  async release(): Promise<void> {
    if (this.version === undefined) return;
    const now = this.options.clock.now();
    try {
      await this.store.putIfMatch(this.key, `${JSON.stringify(this.doc(now, now), null, 2)}\n`, this.version, { contentType: "application/json", cacheControl: "no-cache" });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      this.options.logger.warning(`Lease ${this.key} was taken over by another publisher before this run released it`);
    } finally {
      this.version = undefined;
    }
  }
}
