// A file:// bucket the runner's user may not write (or read) gives a ConfigError naming the
// bucket, the operation and the permission needed, not a raw EACCES. Run in a child process as an
// unprivileged user: root may write anywhere.
import { execFile } from "node:child_process";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readOnlyFolder, sharedTempDir, unprivilegedUser } from "@chainops/testkit";

const run = promisify(execFile);
const storage = fileURLToPath(new URL("../src/storage/index.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

let dir = "";
let bucket = "";
beforeAll(async () => {
  dir = await sharedTempDir("chainops-perms-");
  bucket = join(dir, "bucket");
  await mkdir(join(bucket, "locked"), { recursive: true });
  await writeFile(join(bucket, "present.txt"), "here");
  await writeFile(join(bucket, "secret.txt"), "hidden");
  await chmod(join(bucket, "secret.txt"), 0o000);
  await chmod(join(bucket, "locked"), 0o000);
  await readOnlyFolder(bucket);
});
afterAll(async () => {
  await chmod(bucket, 0o755).catch(() => undefined);
  await chmod(join(bucket, "locked"), 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

/** Each operation against the read-only store, in a child as an unprivileged user; what it threw. */
async function operationsAsUnprivileged(): Promise<Record<string, { name: string; input?: string; message: string; hint?: string }>> {
  const script = `
    const { FileStore } = await import(${JSON.stringify(pathToFileURL(storage).href)});
    const store = new FileStore(${JSON.stringify(bucket)}, { input: "bucket" });
    const attempts = {
      "put new.txt": () => store.put("new.txt", "x"),
      "put sub/new.txt": () => store.put("sub/new.txt", "x"),
      "get secret.txt": () => store.get("secret.txt"),
      "list": async () => { for await (const _ of store.list()) void _; },
      "delete present.txt": () => store.delete("present.txt"),
      "putIfMatch present.txt": () => store.putIfMatch("present.txt", "y", null),
    };
    const out = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      try { await attempt(); out[name] = { name: "none", message: "no error" }; }
      catch (e) { out[name] = { name: e.name, input: e.input, message: e.message, hint: e.hint }; }
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: repoRoot, env: { PATH: process.env.PATH }, ...unprivilegedUser() });
  return JSON.parse(stdout);
}

it("read-only and unreadable parts of a file:// bucket are ConfigErrors naming the bucket, the operation and the permission", async () => {
  const results = await operationsAsUnprivileged();
  const url = pathToFileURL(bucket).href;
  const expected: Record<string, [RegExp, RegExp]> = {
    "put new.txt": [new RegExp(`upload of ${url}/new\\.txt failed: permission denied on ${bucket}/\\.new\\.txt\\.chainops-tmp-[0-9a-f]+ \\(EACCES from open\\)`), new RegExp(`needs write and search \\(w\\+x\\) permission on ${bucket}\\.`)],
    "put sub/new.txt": [new RegExp(`upload of ${url}/sub/new\\.txt failed: permission denied on ${bucket}/sub \\(EACCES from mkdir\\)`), new RegExp(`needs write and search \\(w\\+x\\) permission on ${bucket}\\.`)],
    "get secret.txt": [new RegExp(`read of ${url}/secret\\.txt failed: permission denied on ${bucket}/secret\\.txt \\(EACCES from open\\)`), /needs read permission on the object/],
    list: [new RegExp(`list of ${url} failed: permission denied on ${bucket}/locked \\(EACCES from scandir\\)`), new RegExp(`needs read and search \\(r\\+x\\) permission on ${bucket}/locked`)],
    "delete present.txt": [new RegExp(`delete of ${url}/present\\.txt failed: permission denied on ${bucket}/present\\.txt \\(EACCES from unlink\\)`), new RegExp(`needs write and search \\(w\\+x\\) permission on ${bucket}\\.`)],
    "putIfMatch present.txt": [new RegExp(`conditional write of ${url}/present\\.txt failed: permission denied on ${bucket}/\\.present\\.txt\\.chainops-lock[-0-9a-f]* \\(EACCES from open\\)`), new RegExp(`permission on ${bucket}\\.`)],
  };
  for (const [operation, [message, hint]] of Object.entries(expected)) {
    const result = results[operation]!;
    expect(result, operation).toMatchObject({ name: "ConfigError", input: "bucket" });
    expect(result.message, operation).toMatch(new RegExp(`^Invalid bucket \\(got "${url}"\\): `));
    expect(result.message, operation).toMatch(message);
    expect(result.hint, operation).toMatch(hint);
    expect(result.hint, operation).toMatch(/chown -R <runner user>/);
  }
});
