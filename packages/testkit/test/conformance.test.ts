import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { conformanceDir, findTool, readConformanceJson, readConformanceText } from "../src/conformance";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
let dir: string;
let saved: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chainops-conformance-"));
  saved = process.env.CHAINOPS_CONFORMANCE_DIR;
});
afterEach(() => {
  if (saved === undefined) delete process.env.CHAINOPS_CONFORMANCE_DIR;
  else process.env.CHAINOPS_CONFORMANCE_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe("conformance files", () => {
  it("CHAINOPS_CONFORMANCE_DIR chooses the dir; files are read as JSON or text", () => {
    mkdirSync(join(dir, "lotus"));
    writeFileSync(join(dir, "lotus", "head.json"), '{"Height": 4500000}');
    writeFileSync(join(dir, "SOURCES.md"), "# sources\n");
    process.env.CHAINOPS_CONFORMANCE_DIR = dir;
    expect(conformanceDir()).toBe(dir);
    expect(readConformanceJson<{ Height: number }>("lotus/head.json").Height).toBe(4500000);
    expect(readConformanceText("SOURCES.md")).toBe("# sources\n");
    expect(() => readConformanceText("../outside.txt")).toThrow(/leaves the conformance dir/);
  });

  it("a missing dir is undefined, and reading from it says how to provide one", () => {
    process.env.CHAINOPS_CONFORMANCE_DIR = join(dir, "absent");
    expect(conformanceDir()).toBeUndefined();
    expect(() => readConformanceJson("x.json")).toThrow(/CHAINOPS_CONFORMANCE_DIR/);
  });

  it("defaults to ../shared/conformance beside the repo", () => {
    delete process.env.CHAINOPS_CONFORMANCE_DIR;
    const expected = join(repoRoot, "..", "shared", "conformance");
    expect(conformanceDir()).toBe(spawnSync("test", ["-d", expected]).status === 0 ? expected : undefined);
  });

  it("findTool finds executables on a PATH", () => {
    const bin = join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "promtool"), "#!/bin/sh\n", { mode: 0o755 });
    writeFileSync(join(bin, "not-exec"), "", { mode: 0o644 });
    expect(findTool("promtool", `/nonexistent:${bin}`)).toBe(join(bin, "promtool"));
    expect(findTool("not-exec", bin)).toBeUndefined();
    expect(findTool("absent", bin)).toBeUndefined();
  });
});

// describeConformance/describeWithTools decide at collection time, so run a small suite in a child vitest.
describe("describeConformance and describeWithTools in a child vitest", () => {
  const suite = (root: string) => {
    const file = join(root, "gated.test.ts");
    writeFileSync(
      file,
      `import { it, expect } from "vitest";
import { describeConformance, describeWithTools } from ${JSON.stringify(join(repoRoot, "packages/testkit/src/conformance.ts"))};
describeConformance("lotus shapes", (dir) => { it("reads", () => expect(dir).toBeTruthy()); });
describeWithTools(["surely-not-a-real-tool"], "needs a tool", () => { it("runs", () => {}); });
`,
    );
    return file;
  };
  const runChild = (env: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), "chainops-gated-"));
    suite(root);
    const result = spawnSync(process.execPath, [join(repoRoot, "node_modules/vitest/vitest.mjs"), "run", "--root", root, "--reporter", "verbose"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CHAINOPS_CONFORMANCE_DIR: join(root, "absent"), ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
    rmSync(root, { recursive: true, force: true });
    return { status: result.status, output: result.stdout + result.stderr };
  };

  it("skips with a printed reason when nothing is required, and fails when it is", () => {
    const relaxed = runChild({});
    expect(relaxed.output).toContain('skipping "lotus shapes": conformance files not found');
    expect(relaxed.output).toContain('skipping "needs a tool": surely-not-a-real-tool not on PATH');
    expect(relaxed.status).toBe(0);

    const strict = runChild({ CHAINOPS_REQUIRE_CONFORMANCE: "1" });
    expect(strict.output).toContain("CHAINOPS_REQUIRE_CONFORMANCE=1");
    expect(strict.status).not.toBe(0);
  });
});
