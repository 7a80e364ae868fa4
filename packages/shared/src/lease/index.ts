/**
 * @chainops/shared/lease — the one lease: "one run at a time" for a network, a window, a canary.
 *
 * A lease is one JSON document in an ObjectStore, written only by compare-and-swap (putIfMatch),
 * with a TTL. It records who holds it and since when; unknown fields are kept.
 *
 *   const lease = await acquireLease({ store, key: "mainnet/leases/rolling.json", subject: "The mainnet rolling publish lease",
 *                                      holder, ttlMs, clock, logger, fields: { network: "mainnet" }, checkRun });
 *   await lease.renew();            // before each long step; LeaseLostError if someone took it meanwhile
 *   await lease.release();          // CAS: a lease someone else took over is left alone (a warning)
 *
 * acquireLease takes a free, released or expired lease, renews one the same holder already has,
 * and takes one at once from a holder that is provably gone: its process on this host is not
 * running (holder_process: host + pid, boot id, start time), or GitHub reports its run attempt
 * completed (holder_github_run, asked through `checkRun`, see githubRunCheck). Otherwise it throws
 * LeaseBusyError: who holds it, since when, until when, and what to do (`busyHint` + the expiry).
 * `force` takes it from a live holder (admins).
 *
 *   holderFromEnvironment(process.env)   adapters: this process, with its GitHub run when on Actions
 *   processHolder("demo")                 this process under a given name (tests, the demo)
 *   readLease(store, key)                 the lease in any shape (also older publish-shots, export-snapshot, canary ones), or null
 *   releaseLease({ …, holder, force })    give a lease back by name, without a handle (a person's canary lease)
 *   isLeaseFree(record, now)              released or expired
 *
 * Keys are the caller's: existing leases stay where users' buckets have them.
 */
export * from "./holder";
export * from "./holder-gone";
export * from "./record";
export * from "./lease";
