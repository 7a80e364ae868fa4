// file:// compare-and-swap locks: a lock left by a killed writer is broken at once; a live one is waited for, and said so.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { RecordingLogger, thisProcess } from "@chainops/shared";
import { FileStore, readJson } from "@chainops/shared/storage";

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), "chainops-lock-"))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

const lockOf = (name: string) => join(dir, `.${name}.chainops-lock`);

it("breaks a lock whose writer's process has ended at once, and says so", async () => {
  const logger = new RecordingLogger();
  const store = new FileStore(dir, { logger });
  const pid = await deadPid();
  await writeFile(lockOf("base.json"), JSON.stringify({ host: hostname(), pid, at: new Date().toISOString(), nonce: "0" }));
  await store.putIfMatch("base.json", "[]", null);
  expect((await readJson(store, "base.json"))?.value).toEqual([]);
  expect(logger.messages("warning")).toEqual([`Broke the lock on ${store.url}/base.json: left by process ${pid} on ${hostname()} is not running.`]);
  expect((await readdir(dir)).sort()).toEqual([".base.json.chainops-meta.json", "base.json"]);
});

it("an older chainops' empty lock is broken once it is 30 s old", async () => {
  const logger = new RecordingLogger();
  const store = new FileStore(dir, { logger });
  await writeFile(lockOf("index.html"), "");
  const old = new Date(Date.now() - 60_000);
  await utimes(lockOf("index.html"), old, old);
  await store.putIfMatch("index.html", "<html>", null);
  expect(logger.messages("warning")[0]).toMatch(/^Broke the lock on .*index\.html: untouched for \d+ s\.$/);
});

it("waits for a live writer's lock, logs that it waits and for whom, then writes", async () => {
  const logger = new RecordingLogger();
  const store = new FileStore(dir, { logger });
  const me = thisProcess();
  await writeFile(lockOf("latest.json"), JSON.stringify({ ...me, at: "2026-01-01T00:00:00.000Z", nonce: "1" }));
  const writing = store.putIfMatch("latest.json", "{}", null);
  // The writer keeps waiting while the (live) holder has the lock; it says so after a second.
  await expect.poll(() => logger.messages("info"), { timeout: 20_000, interval: 100 }).toEqual([
    `Waiting for the lock on ${store.url}/latest.json, held by process ${me.pid} on ${me.host} since 2026-01-01T00:00:00.000Z`,
  ]);
  expect(await store.head("latest.json")).toBeNull();
  await rm(lockOf("latest.json"));
  await writing;
  expect((await readJson(store, "latest.json"))?.value).toEqual({});
  expect(logger.messages("warning")).toEqual([]);
});
