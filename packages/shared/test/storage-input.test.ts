// Bad input and broken environments end in typed errors that say what to fix, and write nothing.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigError, describeError, NotFoundError, UpstreamError } from "@chainops/shared";
import { choosePartSize, openStore, parseStoreUrl, readText, splitObjectUrl, updateJson, type ObjectStore } from "@chainops/shared/storage";
import { startGcs, startS3, type GcsFake, type S3Fake } from "@chainops/testkit";

const MiB = 1024 * 1024;

describe("bucket URLs", () => {
  it.each([
    ["", /is empty/],
    ["my-bucket/prefix", /is not a bucket URL/],
    ["ftp://host/path", /unknown scheme "ftp:\/\/"/],
    ["https://storage.googleapis.com/b", /unknown scheme "https:\/\/"/],
    ["gs://", /invalid bucket name ""/],
    ["s3://Upper_Case/x", /invalid bucket name "Upper_Case"/],
    ["gs://ok-bucket/a/../b", /'\.\.' path segment/],
    ["s3://ok-bucket//double", /empty, '\.' or '\.\.' path segment/],
    ["file://relative/path", /absolute|file:\/\/ URL/],
  ])("rejects %j with a ConfigError naming the input and an example", async (url, problem) => {
    const error = await openStore(url, {}, "bucket").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).input).toBe("bucket");
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toMatch(/Example: .*(gs|s3|file):\/\//);
  });

  it("keeps the prefix and canonicalises the URL", () => {
    expect(parseStoreUrl("gs://snapshots/mainnet/")).toEqual({ kind: "gs", bucket: "snapshots", prefix: "mainnet", url: "gs://snapshots/mainnet" });
    expect(parseStoreUrl(" s3://snapshots ")).toMatchObject({ kind: "s3", bucket: "snapshots", prefix: "" });
  });

  it("splits object URLs into store and key", () => {
    expect(splitObjectUrl("gs://snaps/mainnet/latest.car.zst")).toEqual({ storeUrl: "gs://snaps/mainnet", key: "latest.car.zst" });
    expect(splitObjectUrl("s3://snaps/file.tar")).toEqual({ storeUrl: "s3://snaps", key: "file.tar" });
    expect(splitObjectUrl("file:///srv/store/a/b.json")).toEqual({ storeUrl: "file:///srv/store/a", key: "b.json" });
    expect(() => splitObjectUrl("gs://snaps")).toThrow(/names a bucket, not an object/);
    expect(() => splitObjectUrl("gs://snaps/dir/")).toThrow(/names a folder/);
    expect(() => splitObjectUrl("nope://x/y", "object")).toThrow(ConfigError);
  });

  it("rejects keys that climb out of the prefix", async () => {
    const store = await openStore("gs://snaps/mainnet");
    await expect(store.put("../other/x", "x")).rejects.toBeInstanceOf(ConfigError);
    expect(() => store.publicUrl("a//b")).toThrow(ConfigError);
  });

  it("shows the bad key in the error, so it can be fixed", async () => {
    const store = await openStore("gs://snaps/mainnet");
    await expect(store.put("a/../../etc/passwd", "x")).rejects.toThrow('(got "a/../../etc/passwd")');
  });
});

describe("file:// store edge cases", () => {
  let dir = "";
  let store: ObjectStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "chainops-file-edges-"));
    store = await openStore(pathToFileURL(dir).href);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("cat of a folder is NotFound saying so; put onto a folder or under an object is a ConfigError that writes nothing", async () => {
    await store.put("mainnet/snap.car", "data");
    await expect(store.get("mainnet")).rejects.toThrow(NotFoundError);
    await expect(store.get("mainnet")).rejects.toThrow(/No object mainnet .*: it is a folder/);
    await expect(store.put("mainnet", "x")).rejects.toThrow(/Invalid object key \(got "mainnet"\): is a folder/);
    await expect(store.putIfMatch("mainnet/snap.car/meta.json", "{}", null)).rejects.toThrow(/Invalid object key .*already holds an object/);
    // No sidecar, temp or lock file was left behind.
    expect(await readdir(dir)).toEqual(["mainnet"]);
    expect((await readdir(join(dir, "mainnet"))).sort()).toEqual([".snap.car.chainops-meta.json", "snap.car"]);
  });

  it("updateJson refuses a document that does not parse, without writing, and the hint does not say to delete an index", async () => {
    await store.put("index/base.json", '{"snapshots": [');
    const error = await updateJson(store, "index/base.json", () => ({ snapshots: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(describeError(error)).toMatch(/index\/base\.json is not valid JSON[\s\S]*Nothing was changed[\s\S]*previous version/);
    expect(describeError(error)).not.toMatch(/delete/i);
    expect(await readText(store, "index/base.json")).toBe('{"snapshots": [');
  });
});

describe("multipart part size", () => {
  it("covers the hinted size in 10,000 parts with bounded buffers", () => {
    for (const size of [0, 50 * MiB, 100 * 1024 * MiB, 1024 * 1024 * MiB, 5 * 1024 * 1024 * MiB]) {
      const { partSize, queueSize } = choosePartSize(size || undefined);
      expect(partSize).toBeGreaterThanOrEqual(5 * MiB);
      if (size) expect(partSize * 10_000).toBeGreaterThanOrEqual(size);
      expect(queueSize).toBeGreaterThanOrEqual(1);
      expect(queueSize * partSize).toBeLessThanOrEqual(Math.max(64 * MiB, partSize));
    }
  });
});

describe("S3 environment problems", () => {
  let s3: S3Fake;
  beforeAll(async () => {
    s3 = await startS3({ buckets: ["present"] });
  });
  afterAll(() => s3.close());
  afterEach(() => vi.unstubAllEnvs());

  it("missing credentials: ConfigError naming the bucket input and how to provide them; nothing written", async () => {
    const empty = await mkdtemp(join(tmpdir(), "chainops-nocreds-"));
    try {
      for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"]) {
        vi.stubEnv(name, undefined);
      }
      vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", join(empty, "credentials"));
      vi.stubEnv("AWS_CONFIG_FILE", join(empty, "config"));
      vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
      const store = await openStore("s3://present/x", { s3: { endpoint: s3.endpoint, forcePathStyle: true } }, "destination");
      const error = await store.put("file.bin", "data").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).input).toBe("destination");
      expect(describeError(error)).toMatch(/no AWS credentials were found to access s3:\/\/present/);
      expect(describeError(error)).toMatch(/AWS_ACCESS_KEY_ID.*role/s);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: "present" }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it("a bucket that does not exist is a ConfigError with the endpoint", async () => {
    const store = await openStore("s3://missing-bucket/x", s3.storeOptions());
    const error = await store.put("a.txt", "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(describeError(error)).toMatch(/bucket "missing-bucket" does not exist at http:\/\/127\.0\.0\.1/);
    expect(describeError(error)).toMatch(/Hint: Check the bucket name/);
  });

  it("a refused connection is a retryable UpstreamError that names the endpoint", async () => {
    const closed = await startS3();
    await closed.close();
    const store = await openStore("s3://present/x", closed.storeOptions());
    const error = await store.head("a.txt").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).retryable).toBe(true);
    expect(describeError(error)).toMatch(/Cannot reach S3 .*ECONNREFUSED|Cannot reach S3/);
    expect(describeError(error)).toContain(closed.endpoint);
  });
});

describe("GCS environment problems", () => {
  let gcs: GcsFake;
  beforeAll(async () => {
    gcs = await startGcs({ buckets: ["present"] });
  });
  afterAll(() => gcs.close());
  afterEach(() => vi.unstubAllEnvs());

  it("missing credentials: ConfigError naming the bucket input and how to provide them; nothing written", async () => {
    const empty = await mkdtemp(join(tmpdir(), "chainops-nocreds-"));
    const secured = await startGcs({ buckets: ["present"], requireAuth: true });
    try {
      vi.stubEnv("GOOGLE_APPLICATION_CREDENTIALS", undefined);
      vi.stubEnv("CLOUDSDK_CONFIG", empty);
      vi.stubEnv("HOME", empty);
      vi.stubEnv("METADATA_SERVER_DETECTION", "none");
      // A custom endpoint that still wants auth (anonymous: false), like a private GCS endpoint.
      const store = await openStore("gs://present/x", { gcs: { apiEndpoint: secured.apiEndpoint, projectId: "p" } }, "destination");
      const error = await store.put("file.bin", "data").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).input).toBe("destination");
      expect(describeError(error)).toMatch(/no Google credentials were found to access gs:\/\/present/);
      expect(describeError(error)).toMatch(/GOOGLE_APPLICATION_CREDENTIALS.*workload identity/s);
      const uploads = secured.requests.filter((r) => r.path.startsWith("/upload/"));
      expect(uploads.length).toBeGreaterThan(0);
      expect(uploads.every((r) => r.status === 401)).toBe(true);
    } finally {
      await secured.close();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("a bucket that does not exist is a ConfigError", async () => {
    const store = await openStore("gs://missing-bucket/x", gcs.storeOptions());
    const error = await store.put("a.txt", "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(describeError(error)).toMatch(/bucket "missing-bucket" does not exist/);
  });

  it("403 is a ConfigError naming the bucket input, the operation and the permission to grant", async () => {
    const store = await openStore("gs://present/x", gcs.storeOptions());
    gcs.failNext({ method: "GET", path: /\/o$/, status: 403, reason: "forbidden", message: "sa@p.iam does not have storage.objects.list access" });
    const error = await (async () => {
      for await (const _ of store.list()) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).input).toBe("bucket");
    expect(describeError(error)).toMatch(/access to gs:\/\/present\/x was denied for list .*: the credentials lack storage\.objects\.list/);
    expect(describeError(error)).toMatch(/roles\/storage\.objectAdmin on gs:\/\/present/);
  });

  it("a transient 503 is retried by the client", async () => {
    const store = await openStore("gs://present/x", gcs.storeOptions());
    await store.put("retry.txt", "x");
    gcs.failNext({ method: "GET", path: /retry\.txt$/, status: 503, times: 1 });
    expect((await store.head("retry.txt"))?.size).toBe(1);
  });
});
