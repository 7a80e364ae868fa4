// Builds the action bundles and the CLI once before any test file runs, so tests that spawn
// `node actions/<name>/dist/index.js` or the chainops CLI exercise exactly what ships,
// and parallel test files never race to write the same bundle.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const script = fileURLToPath(new URL("./build.mjs", import.meta.url));
  execFileSync(process.execPath, [script], { stdio: "inherit" });
}
