import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BusyError, ManualClock } from "@chainops/shared";
import { FileStore, readJson } from "@chainops/shared/storage";
import { acquireLease, isLeaseActive, listLeases, recordDeployment, releaseLease, type LeaseStore } from "../src/leases";

const HOUR = 3600_000;
let dir: string;
let leases: LeaseStore;
let clock: ManualClock;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chainops-leases-"));
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  leases = { store: new FileStore(dir), prefix: "canary-leases", clock };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("canary leases", () => {
  it("two simultaneous acquires: exactly one wins, the other is told who holds it", async () => {
    const results = await Promise.allSettled([
      acquireLease(leases, { release: "lotus-0", owner: "alice", ttlMs: HOUR }),
      acquireLease(leases, { release: "lotus-0", owner: "bob", ttlMs: HOUR }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(BusyError);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value.lease.owner;
    expect((lost[0]!.reason as Error).message).toContain(`Canary lotus-0 is held by ${winner} since`);
    expect((lost[0]!.reason as BusyError).hint).toContain("/lotusbot release lotus-0");
    expect((await readJson<{ holder: string }>(leases.store, "canary-leases/lotus-0.json"))?.value.holder).toBe(winner);
  });

  it("an expired lease can be taken; a live one cannot", async () => {
    await acquireLease(leases, { release: "lotus-0", owner: "alice", ttlMs: HOUR });
    clock.advance(HOUR - 1);
    await expect(acquireLease(leases, { release: "lotus-0", owner: "bob", ttlMs: HOUR })).rejects.toBeInstanceOf(BusyError);
    clock.advance(2);
    const taken = await acquireLease(leases, { release: "lotus-0", owner: "bob", ttlMs: HOUR });
    expect(taken.outcome).toBe("took-expired");
    expect(taken.lease.owner).toBe("bob");
  });

  it("the owner renews (keeping since); force overrides; only the owner releases", async () => {
    const first = await acquireLease(leases, { release: "lotus-1", owner: "alice", ttlMs: HOUR });
    clock.advance(1000);
    const renewed = await acquireLease(leases, { release: "lotus-1", owner: "Alice", ttlMs: HOUR });
    expect(renewed.outcome).toBe("renewed");
    expect(renewed.lease.since).toBe(first.lease.since);
    await expect(releaseLease(leases, { release: "lotus-1", owner: "bob" })).rejects.toBeInstanceOf(BusyError);
    const forced = await acquireLease(leases, { release: "lotus-1", owner: "bob", ttlMs: HOUR, force: true });
    expect(forced).toMatchObject({ outcome: "forced", previousOwner: "alice" });
    const released = await releaseLease(leases, { release: "lotus-1", owner: "bob" });
    expect(released.wasHeldBy).toBe("bob");
    expect(isLeaseActive(released.lease, clock.now())).toBe(false);
  });

  it("keeps fields written by other tools and lists leases by release", async () => {
    await leases.store.put("canary-leases/lotus-2.json", JSON.stringify({ release: "lotus-2", state: "free", updatedAt: "x", note: "kept" }));
    const carol = await acquireLease(leases, { release: "lotus-2", owner: "carol", ttlMs: HOUR });
    await recordDeployment(carol.held, "lotus-2", { ref: "abc", imageTag: "abc" }, clock);
    await acquireLease(leases, { release: "lotus-0", owner: "dave", ttlMs: HOUR });
    const all = await listLeases(leases);
    expect(all.map((l) => l.release)).toEqual(["lotus-0", "lotus-2"]);
    expect(all[1]).toMatchObject({ note: "kept", owner: "carol", ref: "abc" });
  });

  it("honours a lease an older chainops wrote (state, owner, expiresAt) and rewrites it in the shared shape", async () => {
    await leases.store.put(
      "canary-leases/lotus-3.json",
      JSON.stringify({ release: "lotus-3", state: "busy", owner: "erin", since: new Date(clock.now()).toISOString(), expiresAt: new Date(clock.now() + HOUR).toISOString(), ref: "old", updatedAt: "x" }),
    );
    await expect(acquireLease(leases, { release: "lotus-3", owner: "frank", ttlMs: HOUR })).rejects.toThrow(/Canary lotus-3 is held by erin since/);
    expect((await listLeases(leases)).find((l) => l.release === "lotus-3")).toMatchObject({ state: "busy", owner: "erin", ref: "old" });
    const released = await releaseLease(leases, { release: "lotus-3", owner: "erin" });
    expect(released).toMatchObject({ wasHeldBy: "erin", lease: { state: "free", ref: "old" } });
    const stored = (await readJson<Record<string, unknown>>(leases.store, "canary-leases/lotus-3.json"))!.value;
    expect(stored).toMatchObject({ release: "lotus-3", holder: "erin", ref: "old", released_at: new Date(clock.now()).toISOString() });
    expect(stored).not.toHaveProperty("state");
  });
});
