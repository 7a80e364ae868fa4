import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { RecordingLogger } from "@chainops/shared";
import { ExecError, findExecutable, runCommand } from "@chainops/shared/exec";
import { type FakeExecutables, fakeExecutables } from "@chainops/testkit/fake-executables";

let fakes: FakeExecutables | undefined;
afterEach(() => fakes?.remove());

describe("fakeExecutables", () => {
  it("puts recording fakes on PATH that answer as told", async () => {
    fakes = fakeExecutables({
      helm: { stdout: "v3.16.0\n" },
      lotus: { stderr: "not synced\n", exitCode: 3 },
    });
    const env = { ...process.env, PATH: fakes.pathEnv() };
    const helm = findExecutable("helm", { pathEnv: env.PATH });
    expect(helm).toBe(fakes.path("helm"));

    const hostile = ["upgrade", "--install", "$(touch /tmp/pwned)", "a b", "--set", "x=`id`"];
    const { stdout } = await runCommand("helm", hostile, { env, captureStdout: true });
    expect(stdout).toBe("v3.16.0\n");
    expect(fakes.calls("helm")).toEqual([hostile]);

    const error = await runCommand("lotus", ["sync", "wait"], { env, logger: new RecordingLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecError);
    expect((error as ExecError).message).toContain("not synced");
    expect(fakes.calls("lotus")).toEqual([["sync", "wait"]]);
    expect(fakes.calls("octez-client")).toEqual([]);
  });

  it("runs a script (a function or a body) with argv, stdin and env; records cwd, stdin and chosen env vars", () => {
    fakes = fakeExecutables({
      lotus: {
        script: (argv: string[]) => {
          if (argv[0] === "chain" && argv[1] === "head") return "bafy2bzaceabc\n";
          process.stderr.write(`unknown command ${argv.join(" ")}\n`);
          return 2;
        },
      },
      "octez-client": { readStdin: true, recordEnv: ["TEZOS_CLIENT_DIR"], script: "return `read ${ctx.stdin.length} bytes in ${argv[0]}`;" },
    });
    const env = { ...process.env, PATH: fakes.pathEnv(), TEZOS_CLIENT_DIR: "/var/tezos" };
    const head = spawnSync("lotus", ["chain", "head"], { env, encoding: "utf8" });
    expect(head.status).toBe(0);
    expect(head.stdout).toBe("bafy2bzaceabc\n");
    const other = spawnSync("lotus", ["net", "peers"], { env, encoding: "utf8" });
    expect(other.status).toBe(2);
    expect(other.stderr).toBe("unknown command net peers\n");

    const octez = spawnSync("octez-client", ["import"], { env, encoding: "utf8", input: "12345", cwd: fakes.dir });
    expect(octez.stdout).toBe("read 5 bytes in import");
    expect(fakes.invocations("octez-client")).toEqual([{ argv: ["import"], cwd: fakes.dir, stdin: "12345", env: { TEZOS_CLIENT_DIR: "/var/tezos" } }]);
  });

  it("a throwing script exits 70 with the error on stderr", () => {
    fakes = fakeExecutables({ zstd: { script: "throw new Error('disk full');" } });
    const result = spawnSync(fakes.path("zstd"), ["-d"], { encoding: "utf8" });
    expect(result.status).toBe(70);
    expect(result.stderr).toContain("disk full");
  });

  it("set() changes how a fake answers from then on", () => {
    fakes = fakeExecutables({ helm: { exitCode: 1 } });
    expect(spawnSync(fakes.path("helm"), ["lint"]).status).toBe(1);
    fakes.set("helm", { stdout: "ok" });
    expect(spawnSync(fakes.path("helm"), ["lint"], { encoding: "utf8" }).stdout).toBe("ok");
    expect(fakes.calls("helm")).toEqual([["lint"], ["lint"]]);
  });

  it("refuses names that are not plain file names", () => {
    expect(() => fakeExecutables({ "../evil": {} })).toThrow(/Invalid fake executable name/);
  });
});
