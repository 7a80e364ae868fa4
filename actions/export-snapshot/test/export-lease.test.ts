import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ManualClock, RecordingLogger } from "@chainops/shared";
import { FileStore } from "@chainops/shared/storage";
import { acquireLease, type Lease } from "../src/export-lease";

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), "lease-"))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

it("one holder at a time; renewals keep it; an expired lease is taken over and the old holder learns it lost", async () => {
  const store = new FileStore(dir);
  const clock = new ManualClock();
  const logger = new RecordingLogger();
  const options = (holder: string) => ({ prefix: "historical-exports", network: "mainnet", holder, ttlMs: 30 * 60_000, clock, logger });
  const a = await acquireLease(store, options("A"));
  expect("lease" in a).toBe(true);
  const leaseA = (a as { lease: Lease }).lease;
  expect(await acquireLease(store, options("B"))).toMatchObject({ heldBy: { holder: "A" } });
  clock.advance(20 * 60_000);
  expect(await leaseA.renew()).toBe(true);
  clock.advance(20 * 60_000); // 40 min after acquiring, 20 after the renewal: still A's, held since it first took it
  expect(await acquireLease(store, options("B"))).toMatchObject({ heldBy: { holder: "A", acquired_at: new Date(Date.UTC(2026, 0, 1)).toISOString() } });
  clock.advance(11 * 60_000);
  const b = await acquireLease(store, options("B"));
  expect("lease" in b).toBe(true);
  expect(await leaseA.renew()).toBe(false);
  await (b as { lease: Lease }).lease.release();
  expect("lease" in (await acquireLease(store, options("C")))).toBe(true);
});
