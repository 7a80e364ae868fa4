import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, expect, it } from "vitest";
import { RecordingLogger, UpstreamError } from "@chainops/shared";
import { FileStore } from "@chainops/shared/storage";
import { downloadAndVerify } from "@chainops/shared/stream";
import type { ObjectStore } from "@chainops/shared/storage";

// A legacy object with no published sha256 (expectedSha256: null): size and zstd's own checks only.
const downloadUnverified = async (o: { store: ObjectStore; key: string; expectedSize: number; carPath: string; logger: RecordingLogger }) =>
  downloadAndVerify({ source: await o.store.get(o.key), expectedSha256: null, expectedSize: o.expectedSize, decompression: "zstd", destination: { kind: "file", path: o.carPath }, logger: o.logger });

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), "unverified-"))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

const car = Buffer.from("snapshot bytes ".repeat(20_000));
const compressed = execFileSync("zstd", ["-q", "-c"], { input: car });

it("decompresses to the exact bytes and reports their sha256", async () => {
  const store = new FileStore(join(dir, "bucket"));
  await store.put("snapshot_0_10_1.car.zst", compressed);
  const carPath = join(dir, "snapshot_0_10_1.car");
  const result = await downloadUnverified({ store, key: "snapshot_0_10_1.car.zst", expectedSize: compressed.length, carPath, logger: new RecordingLogger() });
  expect(await readFile(carPath)).toEqual(car);
  expect(result.size).toBe(compressed.length);
});

it("a download that breaks off fails with the download's error, not zstd's, and leaves nothing", async () => {
  const store = new FileStore(join(dir, "bucket"));
  // A backend whose object stream dies half-way (a dropped connection).
  const broken = Object.create(store) as FileStore;
  broken.get = async () =>
    Readable.from((async function* () {
      yield compressed.subarray(0, compressed.length >> 1);
      throw new UpstreamError("connection reset by the bucket", { retryable: true });
    })());
  const error = await downloadUnverified({ store: broken, key: "snapshot_0_10_1.car.zst", expectedSize: compressed.length, carPath: join(dir, "snapshot_0_10_1.car"), logger: new RecordingLogger() }).catch((e: Error) => e);
  expect((error as Error).message).toMatch(/connection reset by the bucket/);
  expect((await readdir(dir)).filter((f) => f.startsWith("snapshot"))).toEqual([]);
});
