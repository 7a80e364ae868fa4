// One ObjectStore contract, run unchanged against file://, s3rver and the GCS fake, all through
// openStore and the real SDKs. s3rver ignores conditional headers, so for S3 the CAS cases assert
// the headers sent and run against a small server that honours them (startConditionalS3).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { hostname } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, ManualClock, NotFoundError, RecordingLogger } from "@chainops/shared";
import { acquireLease, LeaseBusyError, LeaseLostError, processHolder, readLease, type LeaseHolder } from "@chainops/shared/lease";
import { openStore, readJson, readText, type S3Store, updateJson, type ObjectStore, type StoreOptions } from "@chainops/shared/storage";
import { startConditionalS3, startGcs, startS3, type GcsFake, type S3Fake } from "@chainops/testkit";

const MiB = 1024 * 1024;

interface Backend {
  name: string;
  /** Returns the store URL and options; called once in beforeAll. */
  start(): Promise<{ url: string; options: StoreOptions }>;
  stop(): Promise<void>;
  /** Whether the backend itself enforces If-Match / generation preconditions (s3rver does not). */
  enforcesCas: boolean;
}

let fileRoot = "";
let s3: S3Fake | undefined;
let gcs: GcsFake | undefined;

const backends: Backend[] = [
  {
    name: "file://",
    enforcesCas: true,
    async start() {
      fileRoot = await mkdtemp(join(tmpdir(), "chainops-contract-"));
      return { url: pathToFileURL(join(fileRoot, "store")).href, options: {} };
    },
    stop: () => rm(fileRoot, { recursive: true, force: true }),
  },
  {
    name: "s3rver",
    enforcesCas: false,
    async start() {
      s3 = await startS3({ buckets: ["contract"] });
      return { url: "s3://contract/suite/root", options: s3.storeOptions() };
    },
    stop: async () => s3?.close(),
  },
  {
    name: "gcs fake",
    enforcesCas: true,
    async start() {
      gcs = await startGcs();
      return { url: "gs://contract/suite/root", options: gcs.storeOptions() };
    },
    stop: async () => gcs?.close(),
  },
];

/** size bytes of random data in 1 MiB chunks, hashed as it is produced. */
function randomSource(size: number): { stream: Readable; sha256: () => string } {
  const hash = createHash("sha256");
  function* chunks() {
    for (let left = size; left > 0; left -= MiB) {
      const chunk = randomBytes(Math.min(MiB, left));
      hash.update(chunk);
      yield chunk;
    }
  }
  return { stream: Readable.from(chunks()), sha256: () => hash.digest("hex") };
}

/** Yields `before` bytes, then waits until destroyed: a producer that is still running when aborted. */
function stallingSource(before: number, onStall: () => void): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent < before) {
        sent += MiB;
        this.push(Buffer.alloc(MiB, 7));
      } else onStall();
    },
  });
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

async function keysOf(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
}

/** The pid of a process that has exited: provably gone on this host. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

async function inBatches<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

describe.each(backends)("ObjectStore contract: $name", (backend) => {
  let store: ObjectStore;
  let url: string;
  let options: StoreOptions;

  beforeAll(async () => {
    ({ url, options } = await backend.start());
    store = await openStore(url, options);
  });
  afterAll(() => backend.stop());

  it("streams 50 MB in and out with matching sha256, size and metadata", async () => {
    const size = 50 * MiB;
    const source = randomSource(size);
    const put = await store.put("big/blob.bin", source.stream, { sizeHint: size, contentType: "application/octet-stream" });
    const sha256 = source.sha256();
    expect(put.size).toBe(size);
    const head = await store.head("big/blob.bin");
    expect(head?.size).toBe(size);
    expect(head?.version).toBe(put.version);
    const read = await sha256Of(await store.get("big/blob.bin"));
    expect(read).toEqual({ sha256, size });
    await store.delete("big/blob.bin");
  });

  it("keeps custom metadata, sha256 and content type", async () => {
    const body = Buffer.from("metadata check\n");
    const sha256 = createHash("sha256").update(body).digest("hex");
    await store.put("meta/file.txt", body, { contentType: "text/plain", metadata: { sha256, network: "mainnet" } });
    const head = await store.head("meta/file.txt");
    expect(head).toMatchObject({ key: "meta/file.txt", size: body.length, sha256, contentType: "text/plain" });
    expect(head?.metadata).toMatchObject({ sha256, network: "mainnet" });
    expect(await readText(store, "meta/file.txt")).toBe("metadata check\n");
  });

  it("reports absent objects: head → null, get → NotFoundError", async () => {
    expect(await store.head("absent/nothing.bin")).toBeNull();
    await expect(store.get("absent/nothing.bin")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists 1,500 keys in order, paging past 1000, only under the prefix", async () => {
    const keys = Array.from({ length: 1500 }, (_, i) => `many/k${String(i).padStart(5, "0")}`);
    await inBatches(keys, 32, (key) => store.put(key, key));
    await store.put("many-not/outside", "x");
    const listed = await keysOf(store, "many/");
    expect(listed).toHaveLength(1500);
    expect(listed).toEqual(keys);
    if (backend.name === "gcs fake") expect(gcs!.requests.filter((r) => r.method === "GET" && r.query.prefix === "suite/root/many/").length).toBe(2);
  });

  it("deletes idempotently", async () => {
    await store.put("gone/soon.txt", "x");
    await store.delete("gone/soon.txt");
    await store.delete("gone/soon.txt");
    expect(await store.head("gone/soon.txt")).toBeNull();
    expect(await keysOf(store, "gone/")).toEqual([]);
  });

  it("leaves nothing under the key when a streamed put is aborted mid-way", async () => {
    const controller = new AbortController();
    // 20 MiB gets past the first multipart part / resumable chunk before the abort.
    const source = stallingSource(20 * MiB, () => setImmediate(() => controller.abort()));
    await expect(store.put("aborted/blob.bin", source, { signal: controller.signal, sizeHint: 64 * MiB })).rejects.toThrow(/abort/i);
    expect(await store.head("aborted/blob.bin")).toBeNull();
    expect(await keysOf(store, "aborted/")).toEqual([]);
  });

  it("leaves nothing under the key when the source stream fails", async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error("compressor exited with code 1"));
      },
    });
    await expect(store.put("failed/blob.bin", failing)).rejects.toThrow("compressor exited with code 1");
    expect(await store.head("failed/blob.bin")).toBeNull();
  });

  it.runIf(backend.enforcesCas)("CAS: two racing creators give exactly one winner and one ConflictError", async () => {
    const results = await Promise.allSettled([store.putIfMatch("cas/new.json", '{"w":1}', null), store.putIfMatch("cas/new.json", '{"w":2}', null)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    const current = await readJson<{ w: number }>(store, "cas/new.json");
    expect(current?.version).toBe((won[0] as PromiseFulfilledResult<{ version: string }>).value.version);
  });

  it.runIf(backend.enforcesCas)("CAS: two racing updaters of one version give exactly one winner", async () => {
    const first = await store.putIfMatch("cas/doc.json", '{"n":0}', null);
    const results = await Promise.allSettled([
      store.putIfMatch("cas/doc.json", '{"n":1}', first.version),
      store.putIfMatch("cas/doc.json", '{"n":2}', first.version),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost?.reason).toBeInstanceOf(ConflictError);
    // The stale version keeps losing.
    await expect(store.putIfMatch("cas/doc.json", '{"n":3}', first.version)).rejects.toBeInstanceOf(ConflictError);
  });

  it.runIf(backend.enforcesCas)("updateJson: 10 concurrent writers lose no update", async () => {
    const writers = Array.from({ length: 10 }, (_, i) => `writer-${i}`);
    await Promise.all(
      writers.map((name) =>
        updateJson<{ runs: string[]; keep: string }>(store, "index/base.json", (current) => ({
          // Unknown fields of the document survive.
          ...(current ?? { keep: "me" }),
          runs: [...(current?.runs ?? []), name],
        }), { attempts: 50, sleep: () => new Promise((resolve) => setImmediate(resolve)) }),
      ),
    );
    const final = await readJson<{ runs: string[]; keep: string }>(store, "index/base.json");
    expect(final?.value.runs.slice().sort()).toEqual(writers.slice().sort());
    expect(final?.value.keep).toBe("me");
  });

  describe("the lease", () => {
    const HOUR = 3_600_000;
    const lease = (key: string, holder: LeaseHolder, clock: ManualClock, logger = new RecordingLogger()) => ({
      store,
      key,
      subject: "The test lease",
      holder,
      ttlMs: HOUR,
      clock,
      logger,
      fields: { network: "mainnet" },
    });

    it("acquire, renew, release: who holds it and since when; unknown fields are kept", async () => {
      const clock = new ManualClock();
      await store.put("leases/a.json", JSON.stringify({ note: "written by another tool" }));
      const a = await acquireLease(lease("leases/a.json", processHolder("run A"), clock));
      expect(a.outcome).toBe("acquired");
      const since = new Date(clock.now()).toISOString();
      clock.advance(10 * 60_000);
      await a.renew();
      const held = await readLease(store, "leases/a.json");
      expect(held).toMatchObject({ holder: { name: "run A", process: { host: hostname(), pid: process.pid } }, acquiredAt: since, expiresAt: new Date(clock.now() + HOUR).toISOString() });
      expect(held?.document).toMatchObject({ note: "written by another tool", network: "mainnet" });
      // A second holder is refused, told who holds it, since when, until when, and what to do.
      const busy = await acquireLease(lease("leases/a.json", processHolder("run B"), clock)).catch((e: unknown) => e);
      expect(busy).toBeInstanceOf(LeaseBusyError);
      expect((busy as Error).message).toBe(`The test lease is held by run A since ${since}, until ${held!.expiresAt}.`);
      expect((busy as LeaseBusyError).hint).toContain(`delete ${store.url}/leases/a.json`);
      await a.release();
      const released = await readLease(store, "leases/a.json");
      expect(released?.releasedAt).toBe(new Date(clock.now()).toISOString());
      expect(released?.document.note).toBe("written by another tool");
      const b = await acquireLease(lease("leases/a.json", processHolder("run B"), clock));
      expect(b.outcome).toBe("acquired");
      await b.release();
    });

    it("an expired lease is taken over and its old holder learns it lost on renew", async () => {
      const clock = new ManualClock();
      const logger = new RecordingLogger();
      const a = await acquireLease(lease("leases/b.json", processHolder("run A"), clock));
      clock.advance(HOUR + 1);
      const b = await acquireLease(lease("leases/b.json", processHolder("run B"), clock, logger));
      expect(b.outcome).toBe("took-expired");
      expect(logger.messages("warning").join("\n")).toContain("The test lease of run A expired at");
      if (backend.enforcesCas) await expect(a.renew()).rejects.toBeInstanceOf(LeaseLostError);
      await b.release();
    });

    it("a holder that is provably gone (its process on this host has ended) is taken over at once", async () => {
      const clock = new ManualClock();
      const logger = new RecordingLogger();
      const pid = await deadPid();
      const dead = await acquireLease(lease("leases/c.json", { name: `${hostname()} pid ${pid}`, process: { host: hostname(), pid } }, clock));
      expect(dead.outcome).toBe("acquired");
      const taken = await acquireLease(lease("leases/c.json", processHolder("run B"), clock, logger));
      expect(taken.outcome).toBe("took-over");
      expect(logger.messages("warning").join("\n")).toContain(`Taking over the test lease from ${hostname()} pid ${pid} at once: process ${pid} on ${hostname()} is not running.`);
      // A live one on another host is not.
      await taken.release();
      await acquireLease(lease("leases/c.json", { name: "elsewhere", process: { host: "some-other-host", pid: 1 } }, clock));
      await expect(acquireLease(lease("leases/c.json", processHolder("run C"), clock))).rejects.toBeInstanceOf(LeaseBusyError);
    });

    it.runIf(backend.enforcesCas)("CAS: five racing acquirers, exactly one holds it", async () => {
      const clock = new ManualClock();
      const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => acquireLease(lease("leases/race.json", processHolder(`racer ${i}`), clock))));
      const won = results.filter((r) => r.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(LeaseBusyError);
      const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value;
      expect((await readLease(store, "leases/race.json"))?.holder.name).toBe(winner.record.holder.name);
    });
  });

  it("gives a public URL for a key", () => {
    const publicUrl = store.publicUrl("mainnet/latest file.car.zst");
    expect(publicUrl).toMatch(/mainnet\/latest%20file\.car\.zst$/);
    if (backend.name === "gcs fake") expect(publicUrl).toBe("https://storage.googleapis.com/contract/suite/root/mainnet/latest%20file.car.zst");
  });

  it("stores a website redirect where the backend has them", async () => {
    if (backend.name !== "s3rver") {
      expect(store.setRedirect).toBeUndefined();
      return;
    }
    await store.put("mainnet/snapshot-100.car.zst", "data");
    await store.setRedirect!("mainnet/latest.car.zst", "mainnet/snapshot-100.car.zst");
    const raw = await s3!.client().send(new HeadObjectCommand({ Bucket: "contract", Key: "suite/root/mainnet/latest.car.zst" }));
    expect(raw.WebsiteRedirectLocation).toBe("/suite/root/mainnet/snapshot-100.car.zst");
  });
});

describe("the lease on S3 with conditional writes (the conditional endpoint)", () => {
  it("five racing acquirers: one holds it; a lost lease is told on renew; release frees it", async () => {
    const server = await startConditionalS3();
    try {
      const store = await openStore("s3://cas/leases", server.storeOptions());
      const clock = new ManualClock();
      const options = (name: string) => ({ store, key: "mainnet/lease.json", subject: "The test lease", holder: processHolder(name), ttlMs: 60_000, clock, logger: new RecordingLogger() });
      const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => acquireLease(options(`racer ${i}`))));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLease>>>).value;
      expect(server.requests.some((r) => r.method === "PUT" && r.status === 412)).toBe(true);
      clock.advance(60_001);
      const next = await acquireLease(options("late run"));
      expect(next.outcome).toBe("took-expired");
      await expect(winner.renew()).rejects.toBeInstanceOf(LeaseLostError);
      await next.release();
      expect((await readLease(store, "mainnet/lease.json"))?.releasedAt).toBeDefined();
    } finally {
      await server.close();
    }
  });
});

describe("S3 compare-and-swap (s3rver ignores conditions: headers asserted, 412 served by a conditional endpoint)", () => {
  it("sends If-None-Match: * to create and If-Match: <etag> to replace", async () => {
    const fake = await startS3({ buckets: ["cas"] });
    try {
      const store = await openStore("s3://cas/idx", fake.storeOptions());
      const sent: Array<Record<string, string>> = [];
      (store as S3Store).client.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { method?: string; headers?: Record<string, string> };
          if (request.method === "PUT") sent.push(Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])));
          return next(args);
        },
        { step: "finalizeRequest", name: "recordPutHeaders" },
      );
      const created = await store.putIfMatch("base.json", "{}", null);
      await store.putIfMatch("base.json", '{"a":1}', created.version);
      expect(sent[0]?.["if-none-match"]).toBe("*");
      expect(sent[0]?.["if-match"]).toBeUndefined();
      expect(sent[1]?.["if-match"]).toBe(created.version);
      expect(sent[1]?.["if-none-match"]).toBeUndefined();
    } finally {
      await fake.close();
    }
  });

  it("maps 412 PreconditionFailed and 409 ConditionalRequestConflict to ConflictError; updateJson retries them", async () => {
    const server = await startConditionalS3();
    try {
      const store = await openStore("s3://cas/idx", server.storeOptions());
      const first = await store.putIfMatch("base.json", '{"n":0}', null);
      await expect(store.putIfMatch("base.json", "{}", null)).rejects.toBeInstanceOf(ConflictError);
      await store.putIfMatch("base.json", '{"n":1}', first.version);
      await expect(store.putIfMatch("base.json", "{}", first.version)).rejects.toBeInstanceOf(ConflictError);
      expect(server.requests.filter((r) => r.method === "PUT").map((r) => r.status)).toEqual([200, 412, 200, 412]);

      server.failNextPut(409, "ConditionalRequestConflict");
      const current = await readJson<{ n: number }>(store, "base.json");
      await expect(store.putIfMatch("base.json", '{"n":2}', current!.version)).rejects.toBeInstanceOf(ConflictError);

      const writers = Array.from({ length: 10 }, (_, i) => i);
      await Promise.all(
        writers.map((i) =>
          updateJson<{ n: number; seen?: number[] }>(store, "base.json", (doc) => ({ n: (doc?.n ?? 0) + 1, seen: [...(doc?.seen ?? []), i] }), {
            attempts: 50,
            sleep: () => new Promise((resolve) => setImmediate(resolve)),
          }),
        ),
      );
      const final = await readJson<{ n: number; seen: number[] }>(store, "base.json");
      expect(final?.value.n).toBe(11);
      expect(final?.value.seen.slice().sort((a, b) => a - b)).toEqual(writers);
      expect(server.requests.some((r) => r.method === "PUT" && r.status === 412)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
