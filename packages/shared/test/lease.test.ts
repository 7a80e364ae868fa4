// The lease beyond the store contract: older shapes in users' buckets, proof that a holder is
// gone (process on this host, GitHub run attempt), force and release by name.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getOctokit } from "@actions/github";
import { ManualClock, RecordingLogger, thisProcess } from "@chainops/shared";
import {
  acquireLease,
  githubRunCheck,
  holderFromEnvironment,
  LeaseBusyError,
  processHolder,
  readLease,
  releaseLease,
  whyHolderIsGone,
  type LeaseHolder,
} from "@chainops/shared/lease";
import { FileStore, readJson } from "@chainops/shared/storage";
import { describeConformance, readConformanceJson } from "@chainops/testkit";

const HOUR = 3_600_000;
let dir: string;
let store: FileStore;
let clock: ManualClock;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "chainops-lease-"));
  store = new FileStore(dir);
  clock = new ManualClock();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const options = (holder: LeaseHolder, extra: Partial<Parameters<typeof acquireLease>[0]> = {}) => ({
  store,
  key: "leases/x.json",
  subject: "The test lease",
  holder,
  ttlMs: HOUR,
  clock,
  logger: new RecordingLogger(),
  ...extra,
});

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe("leases already in users' buckets", () => {
  it("publish-shots' shape: held until expires_at, free once released_at is set", async () => {
    await store.put("leases/x.json", JSON.stringify({ holder: "github run 7 attempt 1 on r1", network: "mainnet", history_mode: "rolling", acquired_at: iso(clock.now()), expires_at: iso(clock.now() + HOUR), run_url: "https://github.com/o/r/actions/runs/7" }));
    const busy = await acquireLease(options(processHolder("new run"))).catch((e: unknown) => e);
    expect((busy as Error).message).toBe(`The test lease is held by github run 7 attempt 1 on r1 (https://github.com/o/r/actions/runs/7) since ${iso(clock.now())}, until ${iso(clock.now() + HOUR)}.`);
    await store.put("leases/x.json", JSON.stringify({ holder: "old", acquired_at: iso(clock.now()), expires_at: iso(clock.now() + HOUR), released_at: iso(clock.now()) }));
    expect((await acquireLease(options(processHolder("new run")))).outcome).toBe("acquired");
  });

  it("export-snapshot's shape: released: true is free; the network field is kept", async () => {
    await store.put("leases/x.json", JSON.stringify({ holder: "someone", network: "calibnet", acquired_at: iso(clock.now()), expires_at: iso(clock.now() + HOUR), released: true }));
    const lease = await acquireLease(options(processHolder("new run")));
    expect(lease.outcome).toBe("acquired");
    const doc = (await readJson<Record<string, unknown>>(store, "leases/x.json"))!.value;
    expect(doc).toMatchObject({ holder: "new run", network: "calibnet" });
    expect(doc.released).toBeUndefined();
  });

  it("canary's shape: state busy with owner and expiresAt is held; it becomes the current shape when rewritten", async () => {
    await store.put("leases/x.json", JSON.stringify({ release: "lotus-0", state: "busy", owner: "alice", since: iso(clock.now()), expiresAt: iso(clock.now() + HOUR), ref: "abc", updatedAt: iso(clock.now()) }));
    const record = await readLease(store, "leases/x.json");
    expect(record).toMatchObject({ holder: { name: "alice" }, acquiredAt: iso(clock.now()), expiresAt: iso(clock.now() + HOUR) });
    expect(record?.releasedAt).toBeUndefined();
    await expect(acquireLease(options({ name: "bob" }))).rejects.toBeInstanceOf(LeaseBusyError);
    const renewed = await acquireLease(options({ name: "Alice" }));
    expect(renewed.outcome).toBe("renewed");
    const doc = (await readJson<Record<string, unknown>>(store, "leases/x.json"))!.value;
    expect(doc).toMatchObject({ release: "lotus-0", ref: "abc", holder: "alice", acquired_at: iso(clock.now()) });
    expect(doc).not.toHaveProperty("state");
    expect(doc).not.toHaveProperty("owner");
    await store.put("leases/x.json", JSON.stringify({ release: "lotus-0", state: "free", updatedAt: iso(clock.now()) }));
    expect((await readLease(store, "leases/x.json"))?.releasedAt).toBeDefined();
  });

  it("an older CLI holder \"<host> pid <pid>\" whose process has ended is taken over at once", async () => {
    const pid = await deadPid();
    await store.put("leases/x.json", JSON.stringify({ holder: `${hostname()} pid ${pid}`, acquired_at: iso(clock.now()), expires_at: iso(clock.now() + 12 * HOUR) }));
    expect((await acquireLease(options(processHolder("new run")))).outcome).toBe("took-over");
  });
});

describe("a holder provably gone", () => {
  const here = thisProcess();
  it("same host: another boot, an ended pid, or a pid now owned by a later process; not: a live one, another host, a person", async () => {
    const pid = await deadPid();
    expect(await whyHolderIsGone({ name: "x", process: { ...here, pid } }, { here })).toBe(`process ${pid} on ${here.host} is not running`);
    expect(await whyHolderIsGone({ name: "x", process: { ...here, bootId: "another-boot" } }, { here: { ...here, bootId: "this-boot" } })).toMatch(/has rebooted/);
    if (here.startTime) expect(await whyHolderIsGone({ name: "x", process: { ...here, startTime: "1" } }, { here })).toMatch(/now belongs to another process/);
    expect(await whyHolderIsGone({ name: "x", process: here }, { here })).toBeUndefined();
    expect(await whyHolderIsGone({ name: "x", process: { host: "other-host", pid } }, { here })).toBeUndefined();
    expect(await whyHolderIsGone({ name: "alice" }, { here })).toBeUndefined();
  });

  it("a run on another host: gone when the check says its attempt completed; a failing check is a warning, not a takeover", async () => {
    const holder: LeaseHolder = { name: "github run 9 attempt 2 on r9", process: { host: "r9", pid: 1 }, githubRun: { repository: "o/r", runId: 9, attempt: 2 } };
    expect(await whyHolderIsGone(holder, { checkRun: async () => "completed" })).toBe("GitHub reports run 9 attempt 2 of o/r completed");
    expect(await whyHolderIsGone(holder, { checkRun: async () => "running" })).toBeUndefined();
    const logger = new RecordingLogger();
    expect(await whyHolderIsGone(holder, { logger, checkRun: async () => Promise.reject(new Error("Bad credentials")) })).toBeUndefined();
    expect(logger.messages("warning")[0]).toContain("Could not ask GitHub whether run 9 attempt 2 of o/r is still going (Bad credentials)");
  });

  it("holderFromEnvironment records the GitHub run and this process", () => {
    const holder = holderFromEnvironment({ GITHUB_RUN_ID: "123", GITHUB_RUN_ATTEMPT: "2", GITHUB_REPOSITORY: "org/repo", GITHUB_SERVER_URL: "https://github.com" }, here);
    expect(holder).toEqual({ name: `github run 123 attempt 2 on ${here.host}`, process: here, githubRun: { repository: "org/repo", runId: 123, attempt: 2 }, url: "https://github.com/org/repo/actions/runs/123" });
    expect(holderFromEnvironment({}, here)).toEqual({ name: `${here.host} pid ${here.pid}`, process: here });
  });
});

describeConformance("GitHub run check against the REST API's workflow run shape", () => {
  const API = "https://api.github.test";
  const api = getOctokit("t", { baseUrl: API, request: { fetch: globalThis.fetch, retries: 0 } });
  beforeEach(() => {
    nock.cleanAll();
    nock.disableNetConnect();
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.enableNetConnect();
  });

  // The statuses a workflow run can have, from GitHub's own schema (octokit/webhooks).
  const schema = readConformanceJson<{ definitions: Record<string, { properties: Record<string, { enum?: unknown[] }> }> }>("github-webhooks/octokit-webhooks-schemas-7.6.1.schema.json");
  const statuses = schema.definitions["workflow-run"]!.properties.status!.enum as string[];

  it.each(statuses)("status %s", async (status) => {
    nock(API)
      .get("/repos/org/repo/actions/runs/42/attempts/3")
      .reply(200, { id: 42, run_attempt: 3, status, conclusion: status === "completed" ? "cancelled" : null, html_url: "https://github.com/org/repo/actions/runs/42" });
    expect(await githubRunCheck(api)({ repository: "org/repo", runId: 42, attempt: 3 })).toBe(status === "completed" ? "completed" : "running");
  });

  it("takes a lease over at once from a run GitHub reports completed; a 404 (no actions: read) waits", async () => {
    const holder: LeaseHolder = { name: "github run 42 attempt 1 on r2", process: { host: "r2", pid: 1 }, githubRun: { repository: "org/repo", runId: 42, attempt: 1 } };
    await acquireLease(options(holder));
    nock(API).get("/repos/org/repo/actions/runs/42/attempts/1").reply(404, { message: "Not Found" });
    const logger = new RecordingLogger();
    await expect(acquireLease(options(processHolder("next run"), { checkRun: githubRunCheck(api), logger }))).rejects.toBeInstanceOf(LeaseBusyError);
    expect(logger.messages("warning")[0]).toContain("Could not ask GitHub whether run 42 attempt 1 of org/repo is still going");
    nock(API).get("/repos/org/repo/actions/runs/42/attempts/1").reply(200, { id: 42, run_attempt: 1, status: "completed", conclusion: "failure" });
    const taken = await acquireLease(options(processHolder("next run"), { checkRun: githubRunCheck(api) }));
    expect(taken).toMatchObject({ outcome: "took-over", previous: { holder: { name: "github run 42 attempt 1 on r2" } } });
  });
});

describe("force and release by name", () => {
  it("force takes a live lease; only the holder (or force) releases by name; a person's busy hint is theirs", async () => {
    await acquireLease(options({ name: "alice" }));
    const busy = (await acquireLease(options({ name: "bob" }, { busyHint: "Ask alice." })).catch((e: unknown) => e)) as LeaseBusyError;
    expect(busy.hint).toBe(`Ask alice. The lease expires at ${iso(clock.now() + HOUR)}.`);
    const forced = await acquireLease(options({ name: "bob" }, { force: true }));
    expect(forced).toMatchObject({ outcome: "forced", previous: { holder: { name: "alice" } } });
    const release = (name: string, force = false) => releaseLease({ store, key: "leases/x.json", subject: "The test lease", holder: { name }, clock, force });
    await expect(release("alice")).rejects.toBeInstanceOf(LeaseBusyError);
    expect((await release("BOB")).wasHeldBy?.name).toBe("bob");
    expect((await release("carol")).wasHeldBy).toBeUndefined();
  });

  it("renewing keeps a lease whose other fields someone updated meanwhile", async () => {
    const lease = await acquireLease(options(processHolder("run A")));
    const doc = (await readJson<Record<string, unknown>>(store, "leases/x.json"))!;
    await store.putIfMatch("leases/x.json", JSON.stringify({ ...doc.value, note: "added by hand" }), doc.version);
    clock.advance(1000);
    await lease.renew();
    expect((await readLease(store, "leases/x.json"))?.document).toMatchObject({ note: "added by hand", expires_at: iso(clock.now() + HOUR) });
  });
});
