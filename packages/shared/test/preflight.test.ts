// @chainops/shared/preflight: named checks that pass or fail with a fix, run before any work.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, ManualClock, RecordingLogger } from "@chainops/shared";
import { LotusClient } from "@chainops/shared/chains/lotus";
import {
  bucketWritableCheck,
  checkBeforeRun,
  directoryCheck,
  executableCheck,
  lotusNetworkCheck,
  lotusTokenCheck,
  PreflightError,
  runPreflight,
  streamToolCheck,
  WRITE_PROBE_NAME,
  type PreflightCheck,
} from "@chainops/shared/preflight";
import { openStore } from "@chainops/shared/storage";
import { fakeExecutables, startConditionalS3, startGcs, startLotusSim, type LotusSim } from "@chainops/testkit";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "chainops-preflight-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const passing = (name: string): PreflightCheck => ({ name, input: name, run: async () => ({ ok: true, detail: `${name} is fine` }) });
const failing = (name: string, fix: string): PreflightCheck => ({ name, input: name, run: async () => ({ ok: false, problem: `${name} is broken`, fix }) });

describe("running checks", () => {
  it("runs every check, keeps list order, and counts a check that throws as failed with its message and hint", async () => {
    const throwing: PreflightCheck = {
      name: "throws",
      input: "thrower",
      run: async () => {
        throw new ConfigError("thrower", "went wrong", { hint: "Do the other thing." });
      },
    };
    const results = await runPreflight([passing("a"), failing("b", "Fix b."), throwing]);
    expect(results).toEqual([
      { name: "a", input: "a", ok: true, detail: "a is fine" },
      { name: "b", input: "b", ok: false, detail: "b is broken", fix: "Fix b." },
      { name: "throws", input: "thrower", ok: false, detail: "went wrong", fix: "Do the other thing." },
    ]);
  });

  it("checkBeforeRun logs a line per check and throws one ConfigError naming the first failure, with every problem and fix", async () => {
    const logger = new RecordingLogger();
    const error = await checkBeforeRun([passing("a"), failing("b", "Fix b."), failing("c", "Fix c.")], { logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as PreflightError).input).toBe("b");
    expect((error as Error).message).toBe("Invalid b: b is broken. Also c: c is broken. Nothing was started: this is checked before any work or lease.");
    expect((error as PreflightError).hint).toBe("b: Fix b.\nc: Fix c.");
    expect((error as PreflightError).results.map((r) => r.ok)).toEqual([true, false, false]);
    expect(logger.messages("group")).toEqual(["Preflight checks"]);
    expect(logger.messages("info")).toEqual(["✓ a: a is fine", "✗ b: b is broken — fix: Fix b.", "✗ c: c is broken — fix: Fix c."]);
    // All passing: results, no error.
    expect((await checkBeforeRun([passing("a")], { logger })).map((r) => r.ok)).toEqual([true]);
  });
});

describe("executables", () => {
  it("a command on PATH passes with its path and purpose; a missing one fails with the install hint", async () => {
    const fakes = fakeExecutables({ helm: {} });
    try {
      const [found, missing, absolute] = await runPreflight([
        executableCheck({ command: "helm", input: "helm", purpose: "deploys the chart", pathEnv: fakes.dir }),
        executableCheck({ command: "zstd", input: "zstd binary", purpose: "compresses the CAR", pathEnv: fakes.dir, installHint: "apt-get install -y zstd" }),
        executableCheck({ command: join(dir, "no-such-lotus"), input: "lotus-bin", purpose: "imports the snapshot" }),
      ]);
      expect(found).toMatchObject({ name: "helm on PATH", ok: true, detail: `${fakes.path("helm")} (deploys the chart)` });
      expect(missing).toMatchObject({ name: "zstd on PATH", input: "zstd binary", ok: false, detail: "zstd was not found on PATH (it compresses the CAR)", fix: "apt-get install -y zstd" });
      expect(absolute).toMatchObject({ name: "no-such-lotus executable", ok: false, detail: expect.stringMatching(/is not an executable file \(it imports the snapshot\)/) });
    } finally {
      fakes.remove();
    }
  });

  it("stream tools resolve as the pipeline resolves them; a tar that is not GNU tar fails", async () => {
    const fakes = fakeExecutables({ tar: { stdout: "bsdtar 3.5.3 - libarchive 3.5.3\n" }, lz4: {} });
    try {
      const [tar, lz4, zstd] = await runPreflight([
        streamToolCheck("tar", { purpose: "packs the data dir", pathEnv: fakes.dir }),
        streamToolCheck("lz4", { purpose: "compresses the tarball", pathEnv: fakes.dir }),
        streamToolCheck("zstd", { purpose: "compresses the CAR", pathEnv: fakes.dir }),
      ]);
      expect(tar).toMatchObject({ input: "tar binary", ok: false, detail: "is not GNU tar (it packs the data dir)", fix: expect.stringMatching(/Install GNU tar/) });
      expect(lz4).toMatchObject({ ok: true, detail: `${fakes.path("lz4")} (compresses the tarball)` });
      expect(zstd).toMatchObject({ input: "zstd binary", ok: false, detail: "zstd was not found on PATH (it compresses the CAR)", fix: expect.stringMatching(/apt-get install -y zstd/) });
    } finally {
      fakes.remove();
    }
  });
});

describe("directories", () => {
  it("a missing path, a file, and a usable directory", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "x");
    const check = (path: string) => directoryCheck({ path, input: "export-dir", purpose: "receives the CAR", writable: true });
    const [missing, notDir, ok] = await runPreflight([check(join(dir, "nope")), check(file), check(dir)]);
    expect(missing).toMatchObject({ ok: false, detail: `${join(dir, "nope")} does not exist (it receives the CAR)`, fix: expect.stringMatching(/set export-dir/) });
    expect(notDir).toMatchObject({ ok: false, detail: `${file} is not a directory (it receives the CAR)` });
    expect(ok).toMatchObject({ name: "export-dir writable", ok: true });
  });
});

describe("bucket writable", () => {
  it("file://: writes and removes its probe, leaving the bucket as it was", async () => {
    const root = join(dir, "bucket");
    const store = await openStore(pathToFileURL(root).href);
    await store.put("historical-exports/keep.txt", "keep");
    const [result] = await runPreflight([bucketWritableCheck({ store, folder: "historical-exports", clock: new ManualClock() })]);
    expect(result).toMatchObject({ name: "bucket writable", input: "bucket", ok: true, detail: `wrote and removed ${store.url}/historical-exports/${WRITE_PROBE_NAME}` });
    expect(await readdir(join(root, "historical-exports"))).toEqual([".keep.txt.chainops-meta.json", "keep.txt"]);
  });

  it("GCS 403 on upload: fails naming the bucket, the operation and the permission to grant", async () => {
    const gcs = await startGcs({ buckets: ["snaps"] });
    try {
      const store = await openStore("gs://snaps/mainnet", gcs.storeOptions(), "bucket");
      gcs.failNext({ method: "POST", path: /\/upload\//, status: 403, reason: "forbidden", message: "ci@p.iam.gserviceaccount.com does not have storage.objects.create access" });
      const [result] = await runPreflight([bucketWritableCheck({ store, folder: "historical-exports" })]);
      expect(result).toMatchObject({ ok: false, input: "bucket" });
      expect(result!.detail).toMatch(/^access to gs:\/\/snaps\/mainnet\/historical-exports\/\.chainops-write-check was denied for upload \(HTTP 403: .*storage\.objects\.create access\): the credentials lack storage\.objects\.create/);
      expect(result!.fix).toMatch(/roles\/storage\.objectAdmin on gs:\/\/snaps/);
    } finally {
      await gcs.close();
    }
  });

  it("S3 AccessDenied on upload: fails naming s3:PutObject on the bucket; nothing is left", async () => {
    const s3 = await startConditionalS3();
    try {
      const store = await openStore("s3://snaps/tezos", s3.storeOptions(), "bucket");
      s3.failNextPut(403, "AccessDenied", 5);
      const [result] = await runPreflight([bucketWritableCheck({ store, folder: "mainnet" })]);
      expect(result).toMatchObject({ ok: false, input: "bucket" });
      expect(result!.detail).toMatch(/^access to s3:\/\/snaps\/tezos\/mainnet\/\.chainops-write-check was denied for upload \(AccessDenied\): the credentials lack s3:PutObject$/);
      expect(result!.fix).toMatch(/Grant the role or user this runs as s3:PutObject on bucket snaps/);
      expect(await store.head(`mainnet/${WRITE_PROBE_NAME}`)).toBeNull();
    } finally {
      await s3.close();
    }
  });
});

describe("Lotus", () => {
  let sim: LotusSim;
  beforeAll(async () => {
    sim = await startLotusSim({ clock: new ManualClock(), repoDir: join(dir, "lotus"), networkName: "calibrationnet" });
  });
  afterAll(() => sim.close());
  const client = (token?: string) => new LotusClient({ url: sim.url, token, attempts: 1 });
  const purpose = "ChainExportRangeInternal is an admin method";

  it("the token's permissions come from AuthVerify: admin passes, read-only, none and invalid fail with how to make one", async () => {
    const results = await runPreflight([
      lotusTokenCheck({ lotus: client(sim.adminToken), need: "admin", purpose }),
      lotusTokenCheck({ lotus: client(sim.readToken), need: "admin", purpose }),
      lotusTokenCheck({ lotus: client(), need: "admin", purpose }),
      lotusTokenCheck({ lotus: client("forged"), need: "admin", purpose }),
    ]);
    const node = `Lotus at ${new URL(sim.url).host}`;
    expect(results[0]).toMatchObject({ name: "Lotus token has admin", input: "lotus-token", ok: true, detail: `read, write, sign, admin on ${node}` });
    expect(results[1]).toMatchObject({ ok: false, detail: `the token for ${node} has read permission, not admin; ${purpose}`, fix: expect.stringMatching(/lotus auth create-token --perm admin/) });
    expect(results[2]).toMatchObject({ ok: false, detail: `no Lotus API token is set, and ${purpose}` });
    expect(results[3]).toMatchObject({ ok: false, detail: expect.stringMatching(/refused \(HTTP 401\): the token is not valid/) });
    expect(sim.calls.filter((c) => c.method === "AuthVerify").map((c) => c.params)).toEqual([[sim.adminToken], [sim.readToken]]);
  });

  it("a network given by hand must be the node's: the failure names both", async () => {
    const nodeNetwork = await client().stateNetworkName();
    const node = client().node;
    const [unset, same, typo] = await runPreflight([
      lotusNetworkCheck({ configured: undefined, nodeNetwork, node }),
      lotusNetworkCheck({ configured: "calibrationnet", nodeNetwork, node }),
      lotusNetworkCheck({ configured: "calibnet", nodeNetwork, node }),
    ]);
    expect(unset).toMatchObject({ ok: true, detail: `calibrationnet (from ${node})` });
    expect(same).toMatchObject({ ok: true });
    expect(typo).toMatchObject({ input: "network", ok: false, detail: `"calibnet" is not the network of ${node}, which is on calibrationnet (StateNetworkName)`, fix: expect.stringMatching(/Leave network unset/) });
  });
});
