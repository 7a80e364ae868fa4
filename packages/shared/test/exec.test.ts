import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AbortedError, ConfigError, RecordingLogger, UpstreamError } from "@chainops/shared";
import { ExecError, findExecutable, formatCommand, runCommand } from "@chainops/shared/exec";

describe("runCommand", () => {
  it("passes arguments verbatim, with no shell in between", async () => {
    const hostile = ["$(touch /tmp/pwned)", "`id`", "a b", "; rm -rf /", "'quoted'"];
    const { stdout } = await runCommand(process.execPath, ["-e", "console.log(JSON.stringify(process.argv.slice(1)))", ...hostile], { captureStdout: true });
    expect(JSON.parse(stdout)).toEqual(hostile);
  });

  it("streams stderr lines to the logger and stdout at debug", async () => {
    const logger = new RecordingLogger();
    await runCommand(process.execPath, ["-e", "console.log('out-1'); console.error('err-1'); console.error('err-2')"], { logger });
    expect(logger.messages("info")).toEqual(["err-1", "err-2"]);
    expect(logger.messages("debug")).toEqual(["out-1"]);
  });

  it("fails with the command, exit code and last stderr lines", async () => {
    const error = await runCommand(process.execPath, ["-e", "for (let i = 0; i < 30; i++) console.error('line ' + i); process.exit(3)"]).catch((e) => e);
    expect(error).toBeInstanceOf(ExecError);
    expect(error.exitCode).toBe(3);
    expect(error.stderrTail).toHaveLength(20);
    expect(error.stderrTail.at(-1)).toBe("line 29");
    expect(error.message).toContain("exited with code 3");
    expect(error.message).toContain("line 29");
    expect(error.message).not.toContain("line 9\n");
  });

  it("accepts extra exit codes as success", async () => {
    const result = await runCommand(process.execPath, ["-e", "process.exit(1)"], { okExitCodes: [0, 1] });
    expect(result.exitCode).toBe(1);
  });

  it("feeds input on stdin", async () => {
    const { stdout } = await runCommand(process.execPath, ["-e", "process.stdin.pipe(process.stdout)"], { input: "hello", captureStdout: true });
    expect(stdout).toBe("hello");
  });

  it("kills a command that outlives its timeout", async () => {
    const error = await runCommand(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { timeoutMs: 200 }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.message).toMatch(/timed out after/);
  });

  it("stops on an abort signal", async () => {
    const controller = new AbortController();
    const running = runCommand(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(AbortedError);
  });

  it("says what to do when the binary does not exist", async () => {
    const error = await runCommand("/nonexistent/lz4", ["-d"]).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toContain("not found");
    expect(error.hint).toMatch(/Install|PATH/);
  });
});

describe("findExecutable", () => {
  it("finds an executable on the given PATH and refuses a plain file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "chainops-exec-"));
    await writeFile(join(dir, "tool"), "#!/bin/sh\n");
    await writeFile(join(dir, "notexec"), "");
    await chmod(join(dir, "tool"), 0o755);
    expect(findExecutable("tool", { pathEnv: dir })).toBe(join(dir, "tool"));
    expect(() => findExecutable("notexec", { pathEnv: dir })).toThrow(ConfigError);
  });

  it("names the input and how to install a missing tool", () => {
    const run = () => findExecutable("zstd", { pathEnv: "/nonexistent", input: "compression" });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/Invalid compression.*zstd was not found on PATH/);
  });

  it("rejects relative paths", () => {
    expect(() => findExecutable("./bin/octez-node", { input: "octez-node" })).toThrow(/absolute path/);
  });
});

describe("formatCommand", () => {
  it("quotes what a shell would split, for display only", () => {
    expect(formatCommand("helm", ["upgrade", "my release", "--set", "a=b'c"])).toBe(`helm upgrade 'my release' --set 'a=b'\\''c'`);
  });
});
