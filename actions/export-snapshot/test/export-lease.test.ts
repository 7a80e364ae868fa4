import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ManualClock, RecordingLogger } from "@chainops/shared";
import { FileStore, readJson } from "@chainops/shared/storage";
import { acquireExportLease } from "../src/export-lease";

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), "lease-"))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

const KEY = "historical-exports/.locks/export-snapshot-mainnet.json";

it("one holder at a time; a busy run learns who, since and until when; renewals keep acquired_at", async () => {
  const store = new FileStore(dir);
  const clock = new ManualClock();
  const options = (runId: string) => ({ prefix: "historical-exports", network: "mainnet", runId, ttlMs: 30 * 60_000, clock, logger: new RecordingLogger() });
  const a = await acquireExportLease(store, options("A"));
  if (!("lease" in a)) throw new Error("A should hold the lease");
  clock.advance(20 * 60_000);
  await a.lease.renew();
  const b = await acquireExportLease(store, options("B"));
  expect("busy" in b && b.busy.message).toBe(`The mainnet export lease is held by A since 2026-01-01T00:00:00.000Z, until ${new Date(clock.now() + 30 * 60_000).toISOString()}.`);
  await a.lease.release();
  expect("lease" in (await acquireExportLease(store, options("C")))).toBe(true);
});

it("honours an export lease an older chainops wrote (released: true is free, a live one is busy)", async () => {
  const store = new FileStore(dir);
  const clock = new ManualClock();
  const options = { prefix: "historical-exports", network: "mainnet", runId: "new", ttlMs: 30 * 60_000, clock, logger: new RecordingLogger() };
  const at = (ms: number) => new Date(clock.now() + ms).toISOString();
  await store.put(KEY, JSON.stringify({ holder: "old", network: "mainnet", acquired_at: at(0), expires_at: at(60_000) }));
  expect("busy" in (await acquireExportLease(store, options))).toBe(true);
  await store.put(KEY, JSON.stringify({ holder: "old", network: "mainnet", acquired_at: at(0), expires_at: at(0), released: true }));
  expect("lease" in (await acquireExportLease(store, options))).toBe(true);
  expect((await readJson<Record<string, unknown>>(store, KEY))?.value).toMatchObject({ holder: "new", network: "mainnet" });
});
