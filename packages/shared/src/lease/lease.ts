import { BusyError, ConflictError } from "../core/errors";
import type { Clock } from "../core/clock";
import type { Logger } from "../core/logger";
import type { ProcessIdentity } from "../core/process-identity";
import { readJson } from "../storage/json-documents";
import type { ObjectStore } from "../storage/types";
import { describeHolder, sameHolder, type LeaseHolder } from "./holder";
import { whyHolderIsGone, type GitHubRunCheck } from "./holder-gone";
import { isLeaseFree, leaseDocument, parseLeaseDocument, type LeaseRecord } from "./record";

export interface LeaseOptions {
  store: ObjectStore;
  /** The lease document's key, e.g. "mainnet/leases/rolling.json". */
  key: string;
  /** What the lease guards, as messages start: "Canary lotus-0", "The mainnet export lease". */
  subject: string;
  holder: LeaseHolder;
  ttlMs: number;
  clock: Clock;
  /** Where takeovers are told (expired, gone, forced). */
  logger?: Logger;
  /** The operation's own fields in the document (network, a canary's ref, …); kept on renewals. */
  fields?: Record<string, unknown>;
  /** Take it even from a live holder (an admin's override). */
  force?: boolean;
  /** What someone blocked by a live holder should do; the hint goes on with when it frees itself. */
  busyHint?: string;
  /** Asks GitHub about a holder's run; without it a holder on another host waits out its TTL. */
  checkRun?: GitHubRunCheck;
  /** This process (tests). */
  here?: ProcessIdentity;
}

/** How the lease was had: free before, ours already, or taken from an expired, gone or overridden holder. */
export type AcquireOutcome = "acquired" | "renewed" | "took-expired" | "took-over" | "forced";

/** Someone else holds the lease; `record` says who, since when and until when. */
export class LeaseBusyError extends BusyError {
  constructor(
    readonly record: LeaseRecord,
    readonly url: string,
    subject: string,
    busyHint: string | undefined,
  ) {
    const { holder, acquiredAt, expiresAt } = record;
    const proven = holder.process || holder.githubRun;
    super(`${subject} is held by ${describeHolder(holder)} since ${acquiredAt}, until ${expiresAt}.`, {
      hint: [
        busyHint ?? "Wait for that run to finish; this one changed nothing.",
        proven
          ? `The lease frees itself at ${expiresAt}, or at once when its holder is provably gone (its process on this host has ended, or GitHub reports its run completed). If you know it is dead, delete ${url}.`
          : `The lease expires at ${expiresAt}.`,
      ].join(" "),
    });
  }
}

/** A held lease was taken by someone else (it expired first, or was forced). */
export class LeaseLostError extends BusyError {}

interface Stored {
  record: LeaseRecord | null;
  document: Record<string, unknown> | undefined;
  version: string | null;
}

async function readStored(store: ObjectStore, key: string): Promise<Stored> {
  const doc = await readJson<unknown>(store, key);
  if (!doc) return { record: null, document: undefined, version: null };
  const record = parseLeaseDocument(doc.value);
  const document = doc.value && typeof doc.value === "object" && !Array.isArray(doc.value) ? (doc.value as Record<string, unknown>) : undefined;
  return { record, document, version: doc.version };
}

/** The lease under key, in whichever shape it was written; null when there is none. */
export async function readLease(store: ObjectStore, key: string): Promise<LeaseRecord | null> {
  return (await readStored(store, key)).record;
}

async function write(store: ObjectStore, key: string, document: Record<string, unknown>, version: string | null): Promise<string> {
  const info = await store.putIfMatch(key, `${JSON.stringify(document, null, 2)}\n`, version, { contentType: "application/json", cacheControl: "no-store" });
  return info.version;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Takes the lease by compare-and-swap. Free, released, expired or ours already: taken. Held by
 * a holder that is provably gone: taken at once. Otherwise LeaseBusyError (unless force).
 */
export async function acquireLease(options: LeaseOptions): Promise<Lease> {
  const { store, key, clock, logger, subject } = options;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const current = await readStored(store, key);
    const now = clock.now();
    const record = current.record;
    let outcome: AcquireOutcome = "acquired";
    if (record && record.releasedAt === undefined && record.holder.name) {
      if (isLeaseFree(record, now)) {
        outcome = "took-expired";
        logger?.warning(`${subject} of ${describeHolder(record.holder)} expired at ${record.expiresAt} (a run that died?); taking it over.`);
      } else if (sameHolder(record.holder, options.holder)) outcome = "renewed";
      else {
        const gone = await whyHolderIsGone(record.holder, { here: options.here, checkRun: options.checkRun, logger });
        if (gone) {
          outcome = "took-over";
          logger?.warning(`Taking over ${lowerFirst(subject)} from ${describeHolder(record.holder)} at once: ${gone}.`);
        } else if (options.force) {
          outcome = "forced";
          logger?.warning(`Taking ${lowerFirst(subject)} from ${describeHolder(record.holder)} (forced).`);
        } else throw new LeaseBusyError(record, `${store.url}/${key}`, subject, options.busyHint);
      }
    }
    // A renewal keeps the name as first written (a login's case) and since when it is held.
    const renewed = outcome === "renewed" && record ? record : undefined;
    const holder = renewed ? { ...options.holder, name: renewed.holder.name } : options.holder;
    const lease = { holder, acquiredAt: renewed?.acquiredAt || iso(now), expiresAt: iso(now + options.ttlMs) };
    const document = leaseDocument(current.document, options.fields, lease);
    try {
      const version = await write(store, key, document, current.version);
      return new Lease({ ...options, holder }, { ...lease, document }, version, outcome, record ?? undefined);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone wrote it between our read and write: read again and decide again.
    }
  }
  throw new BusyError(`Could not take ${lowerFirst(subject)} (${store.url}/${key}): it kept changing while this run tried`, {
    hint: "Another run is starting at the same time; this one changed nothing. Try again in a minute.",
  });
}

/** A lease this process holds. renew() before each long step; release() when done. */
export class Lease {
  private version: string | undefined;

  constructor(
    private readonly options: LeaseOptions,
    private current: LeaseRecord,
    version: string,
    /** How it was had. */
    readonly outcome: AcquireOutcome,
    /** The lease as it was before this run took it. */
    readonly previous: LeaseRecord | undefined,
  ) {
    this.version = version;
  }

  /** The lease as last written by this process. */
  get record(): LeaseRecord {
    return this.current;
  }

  /** Moves expires_at to now + TTL (and sets fields). LeaseLostError when it is no longer ours. */
  renew(fields?: Record<string, unknown>): Promise<void> {
    return this.rewrite(fields, { expiresAt: iso(this.options.clock.now() + this.options.ttlMs) });
  }

  /** Sets fields of the document, leaving the expiry as it is. */
  update(fields: Record<string, unknown>): Promise<void> {
    return this.rewrite(fields, { expiresAt: this.current.expiresAt });
  }

  /**
   * Marks it released (CAS). One that someone else took meanwhile is left alone, with a warning.
   * After this the handle holds nothing.
   */
  async release(fields?: Record<string, unknown>): Promise<void> {
    if (this.version === undefined) return;
    const now = iso(this.options.clock.now());
    try {
      await this.rewrite(fields, { expiresAt: now, releasedAt: now });
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      this.options.logger?.warning(`${this.options.subject} was taken over by another holder before this run released it.`);
    } finally {
      this.version = undefined;
    }
  }

  private async rewrite(fields: Record<string, unknown> | undefined, change: { expiresAt: string; releasedAt?: string }): Promise<void> {
    const { store, key, subject } = this.options;
    if (this.version === undefined) throw new LeaseLostError(`${subject} is not held by this run any more`);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const lease = { holder: this.options.holder, acquiredAt: this.current.acquiredAt, ...change };
      const document = leaseDocument(this.current.document, fields, lease);
      try {
        this.version = await write(store, key, document, this.version);
        this.current = { ...lease, document };
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
      // Changed under us: still ours (someone only touched other fields) → write again on top.
      const stored = await readStored(store, key);
      const mine = stored.record && stored.record.releasedAt === undefined && sameHolder(stored.record.holder, this.options.holder) && stored.record.acquiredAt === this.current.acquiredAt;
      if (!mine || stored.version === null) {
        this.version = undefined;
        const now = stored.record ? ` It is now held by ${describeHolder(stored.record.holder)}, until ${stored.record.expiresAt}.` : "";
        throw new LeaseLostError(`${subject} was taken over by another holder while this run held it.${now}`, {
          hint: "This run took longer than the lease's TTL, or someone forced it; raise the lease TTL above the longest run, and check what the other holder did.",
        });
      }
      this.version = stored.version;
      this.current = { ...this.current, document: stored.document ?? {} };
    }
    throw new LeaseLostError(`${subject} kept changing while this run renewed it`);
  }
}

/**
 * Releases a lease by holder name, without a handle (a person giving a canary back). Only its
 * holder, or force, may release a live lease; a free or expired one is simply marked free.
 */
export async function releaseLease(options: Omit<LeaseOptions, "ttlMs" | "logger" | "checkRun" | "here">): Promise<{ record: LeaseRecord | null; wasHeldBy?: LeaseHolder }> {
  const { store, key, clock, subject } = options;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const current = await readStored(store, key);
    const record = current.record;
    if (!record || record.releasedAt !== undefined) return { record };
    const now = clock.now();
    const live = !isLeaseFree(record, now);
    if (live && !sameHolder(record.holder, options.holder) && !options.force) throw new LeaseBusyError(record, `${store.url}/${key}`, subject, options.busyHint);
    const lease = { holder: record.holder, acquiredAt: record.acquiredAt, expiresAt: iso(now), releasedAt: iso(now) };
    const document = leaseDocument(current.document, options.fields, lease);
    try {
      await write(store, key, document, current.version);
      return { record: { ...lease, document }, ...(live ? { wasHeldBy: record.holder } : {}) };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new BusyError(`Could not release ${lowerFirst(subject)} (${store.url}/${key}): it kept changing`, { hint: "Someone else is changing it right now; try again in a minute." });
}

function lowerFirst(text: string): string {
  return /^The /.test(text) ? `the ${text.slice(4)}` : text;
}
