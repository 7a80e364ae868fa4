import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import type { StoreOptions } from "@chainops/shared/storage";

export interface S3Fake {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  createBucket(name: string): Promise<void>;
  /** Options for openStore("s3://…") against this server. */
  storeOptions(): StoreOptions;
  /** A raw SDK client, for assertions that go around the store. */
  client(): S3Client;
  close(): Promise<void>;
}

const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const REGION = "us-east-1";

/** Starts s3rver on 127.0.0.1 with a free port, in a child process, storing in a temp dir. */
export async function startS3(options: { buckets?: string[] } = {}): Promise<S3Fake> {
  const directory = await mkdtemp(join(tmpdir(), "chainops-s3rver-"));
  const script = fileURLToPath(new URL("./s3rver-process.mjs", import.meta.url));
  const child = spawn(process.execPath, ["--openssl-legacy-provider", "--no-warnings", script, directory], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch (error) {
        reject(error);
      }
    });
    child.once("exit", (code) => reject(new Error(`s3rver exited with code ${code} before listening:\n${stderr}`)));
    child.once("error", reject);
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const fake: S3Fake = {
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    storeOptions: () => ({ s3: { endpoint, region: REGION, forcePathStyle: true, credentials: { ...CREDENTIALS } } }),
    client: () => client,
    async close() {
      client.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.stdin.end();
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
  for (const bucket of options.buckets ?? []) await fake.createBucket(bucket);
  return fake;
}
