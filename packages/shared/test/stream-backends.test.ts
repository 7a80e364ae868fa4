// The pipeline against the real SDKs: s3rver (multipart through lib-storage) and the GCS fake.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AbortedError, RecordingLogger } from "@chainops/shared";
import { openStore, type ObjectStore } from "@chainops/shared/storage";
import { compressAndUpload, downloadAndVerify } from "@chainops/shared/stream";
import { describeWithTools, startGcs, startS3, type GcsFake, type S3Fake } from "@chainops/testkit";
import { abortingSource, makeTree, sameTree, sha256Of } from "./stream-fixtures";

let s3: S3Fake;
let gcs: GcsFake;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "chainops-stream-backends-"));
  makeTree(join(work, "datadir"));
  [s3, gcs] = await Promise.all([startS3({ buckets: ["snapshots"] }), startGcs()]);
});
afterAll(async () => {
  await Promise.all([s3?.close(), gcs?.close()]);
  rmSync(work, { recursive: true, force: true });
});

const backends: { name: string; open: () => Promise<ObjectStore> }[] = [
  { name: "s3rver", open: () => openStore("s3://snapshots/stream", s3.storeOptions()) },
  { name: "GCS fake", open: () => openStore("gs://snapshots/stream", gcs.storeOptions()) },
];

describeWithTools(["tar", "lz4"], "compressAndUpload against real SDK backends", () => {
  for (const backend of backends) {
    it(`${backend.name}: directory → lz4 → store → downloadAndVerify restores the same tree`, async () => {
      const store = await backend.open();
      const logger = new RecordingLogger();
      const up = await compressAndUpload({ source: { kind: "directory", path: join(work, "datadir") }, compression: { kind: "lz4" }, store, key: "d.tar.lz4", logger });
      const stored = Buffer.concat(await Readable.from(await store.get("d.tar.lz4")).toArray());
      expect(stored.length).toBe(up.size);
      expect(sha256Of(stored)).toBe(up.sha256);
      const restored = join(work, `restored-${backend.name.replace(/\W/g, "")}`);
      await downloadAndVerify({ source: await store.get("d.tar.lz4"), expectedSha256: up.sha256, expectedSize: up.size, decompression: "lz4", destination: { kind: "directory", path: restored }, logger });
      expect(sameTree(join(work, "datadir"), restored)).toBe(true);
    });

    it(`${backend.name}: an aborted upload leaves nothing under the key`, async () => {
      const store = await backend.open();
      const controller = new AbortController();
      const upload = compressAndUpload({ source: { kind: "stream", stream: Readable.from(abortingSource(controller, 40)) }, compression: { kind: "none" }, store, key: "aborted.bin", logger: new RecordingLogger(), signal: controller.signal });
      await expect(upload).rejects.toBeInstanceOf(AbortedError);
      expect(await store.head("aborted.bin")).toBeNull();
    });
  }
});
