// The rule for optional system tools in tests: a test that needs one (promtool, chromium,
// systemd-analyze, shellcheck, …) gets its path from describeWithTools, which skips with a
// printed reason where the tool is absent and fails where tools are required (CI=true,
// CHAINOPS_REQUIRE_TOOLS=1). Spawning one by its bare name fails with ENOENT on a fresh machine.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const OPTIONAL_TOOLS = ["promtool", "chromium", "systemd-analyze", "shellcheck", "flock"];
const SPAWNERS = ["execFile", "execFileSync", "spawn", "spawnSync", "exec", "execSync", "execa", "runCommand"];

/** Every call like `spawn("promtool", …)` or `execFile('chromium'` in a test file. */
export function bareToolSpawns(source: string): string[] {
  const pattern = new RegExp(`\\b(?:${SPAWNERS.join("|")})\\(\\s*["'\`](${OPTIONAL_TOOLS.join("|")})\\b`, "g");
  return [...source.matchAll(pattern)].map((m) => m[0]);
}

describe("optional system tools in tests", () => {
  it("recognises a bare spawn of an optional tool", () => {
    expect(bareToolSpawns(`const c = execFile("promtool", ["check", "metrics"]);`)).toEqual([`execFile("promtool`]);
    expect(bareToolSpawns(`spawnSync(promtool!, ["check"])`)).toEqual([]);
  });

  it("no test spawns one by its bare name (use describeWithTools and the path it gives)", () => {
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.test.ts", "*/test/*.ts"], { cwd: repoRoot, encoding: "utf8" })
      .split("\n")
      .filter((f) => f && !f.includes("/dist/") && f !== "scripts/optional-tools.test.ts");
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) => bareToolSpawns(readFileSync(`${repoRoot}/${file}`, "utf8")).map((call) => `${file}: ${call}`));
    expect(offenders).toEqual([]);
  });
});
