// `chainops store ls|cat|put|verify` through the built CLI, against file://, s3rver and the GCS fake.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGcs, startS3, type GcsFake, type S3Fake } from "@chainops/testkit";

const repo = new URL("../../../", import.meta.url).pathname;
const bin = join(repo, "packages/cli/bin/chainops.js");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let work = "";
let s3: S3Fake;
let gcs: GcsFake;

/** Runs the CLI with a clean environment (no ambient cloud credentials) plus `env`. */
function chainops(args: string[], env: Record<string, string> = {}, input?: Buffer): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--no-warnings", bin, ...args], {
      cwd: work,
      env: { PATH: process.env.PATH ?? "", HOME: work, AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: join(work, "none"), AWS_SHARED_CREDENTIALS_FILE: join(work, "none"), ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "chainops-store-cli-"));
  s3 = await startS3({ buckets: ["snaps"] });
  gcs = await startGcs();
});
afterAll(async () => {
  await s3?.close();
  await gcs?.close();
  await rm(work, { recursive: true, force: true });
});

const s3Env = () => ({
  AWS_ENDPOINT_URL_S3: s3.endpoint,
  CHAINOPS_S3_FORCE_PATH_STYLE: "true",
  AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  AWS_REGION: s3.region,
});

describe.each([
  { name: "file://", root: () => pathToFileURL(join(work, "store")).href, env: () => ({}) },
  { name: "s3rver", root: () => "s3://snaps/cli", env: s3Env },
  { name: "GCS fake", root: () => "gs://snaps/cli", env: () => ({ STORAGE_EMULATOR_HOST: gcs.apiEndpoint }) },
])("chainops store on $name", ({ root, env }) => {
  const data = randomBytes(300_000);
  const sha256 = createHash("sha256").update(data).digest("hex");

  it("puts a file and lists it", async () => {
    const file = join(work, "artifact.bin");
    await writeFile(file, data);
    const put = await chainops(["store", "put", file, `${root()}/mainnet/artifact.bin`, "--content-type", "application/octet-stream"], env());
    expect(put.stderr).toBe("");
    expect(put.code).toBe(0);
    expect(put.stdout).toContain(sha256);
    expect(put.stdout).toContain(`metadata ${root()}/mainnet/artifact.bin.json`);

    const ls = await chainops(["store", "ls", `${root()}/mainnet`], env());
    expect(ls.code).toBe(0);
    expect(ls.stdout).toMatch(/^artifact\.bin\s+300000\s+\d{4}-\d\d-\d\dT/m);
    const json = await chainops(["store", "ls", root(), "--json"], env());
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ key: "mainnet/artifact.bin", size: 300000, url: `${root()}/mainnet/artifact.bin` }),
      expect.objectContaining({ key: "mainnet/artifact.bin.json" }),
    ]);
  });

  it("put writes the metadata the pipeline writes, so verify passes on what was just uploaded", async () => {
    const meta = await chainops(["store", "cat", `${root()}/mainnet/artifact.bin.json`], env());
    expect(JSON.parse(meta.stdout)).toEqual({ name: "artifact.bin", sha256, filesize_bytes: 300000, url: expect.stringContaining("artifact.bin"), created_at: expect.stringMatching(/^\d{4}-/) });
    const verify = await chainops(["store", "verify", `${root()}/mainnet/artifact.bin`, "--json"], env());
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, sha256, size: 300000, sizeChecked: true });
  });

  it("cat writes the exact bytes to stdout", async () => {
    const child = spawn(process.execPath, ["--no-warnings", bin, "store", "cat", `${root()}/mainnet/artifact.bin`], { env: { PATH: process.env.PATH ?? "", HOME: work, ...env() } });
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of child.stdout) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    expect({ sha256: hash.digest("hex"), size }).toEqual({ sha256, size: data.length });
  });

  it("verify passes against <object>.json and fails with exit 1 on a mismatch", async () => {
    const good = JSON.stringify({ sha256, filesize_bytes: data.length, network: "mainnet" });
    expect((await chainops(["store", "put", "--no-metadata", "-", `${root()}/mainnet/artifact.bin.json`], env(), Buffer.from(good))).code).toBe(0);
    const ok = await chainops(["store", "verify", `${root()}/mainnet/artifact.bin`], env());
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK .*artifact\.bin: sha256 [0-9a-f]{64}, 300000 bytes/m);

    // The first present size field counts: a wrong filesize_bytes fails even if size_bytes is right.
    const badSize = JSON.stringify({ sha256, filesize_bytes: data.length + 1, size_bytes: data.length });
    await chainops(["store", "put", "--no-metadata", "-", `${root()}/other/meta.json`], env(), Buffer.from(badSize));
    const size = await chainops(["store", "verify", `${root()}/mainnet/artifact.bin`, "--metadata", `${root()}/other/meta.json`], env());
    expect(size.code).toBe(1);
    expect(size.stderr).toMatch(/does not match .*other\/meta\.json: size is 300000 bytes, metadata filesize_bytes says 300001/);

    const badSha = JSON.stringify({ sha256: "0".repeat(64), compressed_size_bytes: data.length });
    await chainops(["store", "put", "--no-metadata", "-", `${root()}/other/meta.json`], env(), Buffer.from(badSha));
    const sha = await chainops(["store", "verify", `${root()}/mainnet/artifact.bin`, "--metadata", `${root()}/other/meta.json`], env());
    expect(sha.code).toBe(1);
    expect(sha.stderr).toMatch(new RegExp(`sha256 is ${sha256}, metadata says 0{64}`));
    expect(sha.stderr).toMatch(/Hint: Do not publish/);

    const missing = await chainops(["store", "verify", `${root()}/mainnet/artifact.bin`, "--metadata", `${root()}/nope.json`], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Metadata .*nope\.json does not exist/);
  });
});

describe("chainops store bad input", () => {
  it("rejects a malformed or unknown-scheme URL naming the argument", async () => {
    const run = await chainops(["store", "ls", "ftp://host/x"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Invalid url-prefix \(got "ftp:\/\/host\/x"\): has an unknown scheme "ftp:\/\/".*Example: gs:\/\//);
    const bucketOnly = await chainops(["store", "cat", "gs://just-a-bucket"]);
    expect(bucketOnly.code).toBe(1);
    expect(bucketOnly.stderr).toMatch(/Invalid object-url .*names a bucket, not an object/);
  });

  it("rejects an unreadable source file before touching the store", async () => {
    const run = await chainops(["store", "put", join(work, "missing.bin"), `${pathToFileURL(join(work, "untouched")).href}/x.bin`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Invalid file .*cannot be read \(ENOENT\)/);
    const ls = await chainops(["store", "ls", pathToFileURL(join(work, "untouched")).href, "--json"]);
    expect(JSON.parse(ls.stdout)).toEqual([]);
  });

  it("explains missing S3 credentials and writes nothing", async () => {
    const file = join(work, "small.txt");
    await writeFile(file, "small");
    const run = await chainops(["store", "put", file, "s3://snaps/nocreds/small.txt"], { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: "us-east-1" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Invalid object-url .*no AWS credentials were found to access s3:\/\/snaps/);
    expect(run.stderr).toMatch(/Hint: Provide AWS credentials: set AWS_ACCESS_KEY_ID/);
    const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: "snaps", Prefix: "nocreds/" }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it("rejects a bad endpoint setting naming the variable", async () => {
    const run = await chainops(["store", "ls", "s3://snaps/x"], { CHAINOPS_S3_ENDPOINT: "not a url" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Invalid CHAINOPS_S3_ENDPOINT/);
  });

  it("asks for a scheme in STORAGE_EMULATOR_HOST (the GCS client reads it as a base URL)", async () => {
    const run = await chainops(["store", "ls", "gs://snaps/x"], { STORAGE_EMULATOR_HOST: "localhost:4443" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Invalid STORAGE_EMULATOR_HOST \(got "localhost:4443"\).*Example: http:\/\/localhost:4443/);
  });

  it("an unexpected error says how to get the stack trace, and CHAINOPS_DEBUG=1 prints it", async () => {
    const file = join(work, "not-a-folder.txt");
    await writeFile(file, "x");
    const plain = await chainops(["store", "ls", pathToFileURL(file).href]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/ENOTDIR[\s\S]*Hint: .*CHAINOPS_DEBUG=1/);
    const debug = await chainops(["store", "ls", pathToFileURL(file).href], { CHAINOPS_DEBUG: "1" });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/ENOTDIR[\s\S]*\n\s+at /);
  });
});
