import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Puts a fake `lotus` executable in dir (prepend dir to PATH). It handles
 * `daemon --import-snapshot <car> --halt-after-import`: reads the CAR fully and marks
 * $LOTUS_PATH/datastore/chain as holding a chain. Set FAKE_LOTUS_LOG to record invocations.
 */
export async function installFakeLotus(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const script = fileURLToPath(new URL("./lotus-cli-stand-in.mjs", import.meta.url));
  const path = join(dir, "lotus");
  await writeFile(path, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
  await chmod(path, 0o755);
  return path;
}
