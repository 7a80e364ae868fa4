import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { delimiter, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** Conformance files must be there (set by .ci/run): a missing dir fails instead of skipping. */
export function conformanceRequired(): boolean {
  return process.env.CHAINOPS_REQUIRE_CONFORMANCE === "1";
}

/**
 * Optional system tools (promtool, chromium, systemd-analyze, chdb, …) must be there: in CI
 * (CI=true), when CHAINOPS_REQUIRE_TOOLS=1 (.ci/run sets it), or when conformance is required.
 * Elsewhere a test that needs a missing tool skips with a printed reason.
 */
export function toolsRequired(): boolean {
  return process.env.CI === "true" || process.env.CHAINOPS_REQUIRE_TOOLS === "1" || conformanceRequired();
}

/**
 * The upstream specs and payloads (../shared/conformance beside the repo, or
 * CHAINOPS_CONFORMANCE_DIR); undefined when neither exists.
 */
export function conformanceDir(): string | undefined {
  const dir = process.env.CHAINOPS_CONFORMANCE_DIR ? resolve(process.env.CHAINOPS_CONFORMANCE_DIR) : resolve(repoRoot, "..", "shared", "conformance");
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

export function conformancePath(rel: string): string {
  const dir = conformanceDir();
  if (!dir) throw new Error(`No conformance dir: set CHAINOPS_CONFORMANCE_DIR or put the files in ${resolve(repoRoot, "..", "shared", "conformance")}`);
  const path = resolve(dir, rel);
  if (!path.startsWith(dir + sep)) throw new Error(`Conformance path ${rel} leaves the conformance dir`);
  return path;
}

export function readConformanceText(rel: string): string {
  return readFileSync(conformancePath(rel), "utf8");
}

export function readConformanceJson<T = unknown>(rel: string): T {
  return JSON.parse(readConformanceText(rel)) as T;
}

/**
 * A describe block over conformance files: gets the dir; skipped with a printed reason when the
 * files are absent, and failing instead when CHAINOPS_REQUIRE_CONFORMANCE=1.
 */
export function describeConformance(name: string, fn: (dir: string) => void): void {
  const dir = conformanceDir();
  if (dir) {
    describe(name, () => fn(dir));
    return;
  }
  const reason = "conformance files not found (set CHAINOPS_CONFORMANCE_DIR or provide ../shared/conformance)";
  if (conformanceRequired()) {
    describe(name, () => {
      it("has its conformance files", () => {
        throw new Error(`${reason}, and CHAINOPS_REQUIRE_CONFORMANCE=1`);
      });
    });
    return;
  }
  console.log(`skipping "${name}": ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, () => {
    it("needs conformance files", () => {});
  });
}

/** Absolute path of an executable on PATH, or undefined. */
export function findTool(name: string, pathEnv = process.env.PATH ?? ""): string | undefined {
  for (const dir of pathEnv.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * A describe block that needs system tools (promtool, lz4, …): gets their paths; skipped with a
 * printed reason when one is missing, failing instead when tools are required (see toolsRequired).
 */
export function describeWithTools(tools: string[], name: string, fn: (paths: Record<string, string>) => void): void {
  const paths: Record<string, string> = {};
  const missing: string[] = [];
  for (const tool of tools) {
    const path = findTool(tool);
    if (path) paths[tool] = path;
    else missing.push(tool);
  }
  if (!missing.length) {
    describe(name, () => fn(paths));
    return;
  }
  const reason = `${missing.join(", ")} not on PATH (apt-get install -y ${missing.map(aptPackageOf).join(" ")})`;
  if (toolsRequired()) {
    describe(name, () => {
      it("has its tools", () => {
        throw new Error(`${reason}; required because CI=true, CHAINOPS_REQUIRE_TOOLS=1 or CHAINOPS_REQUIRE_CONFORMANCE=1`);
      });
    });
    return;
  }
  console.log(`skipping "${name}": ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, () => {
    it("needs its tools", () => {});
  });
}

function aptPackageOf(tool: string): string {
  return tool === "promtool" ? "prometheus" : tool === "flock" ? "util-linux" : tool;
}
