import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "@chainops/shared";
import { run } from "../src/run";
import { ACTOR, HEAD_SHA as HEAD, createWorld, fakeGitHub, resetNock, type CanaryWorld } from "./world";

let world: CanaryWorld;
beforeEach(() => {
  resetNock();
  world = createWorld();
});
afterEach(() => world.close());

describe("workflow_dispatch / workflow_call / CLI (command input)", () => {
  it("upgrades with a ref resolved once to a SHA, owner defaulting to the actor", async () => {
    const sha = "1111111111111111111111111111111111111111";
    fakeGitHub({ commits: { "v1.28.0": sha } });
    const result = await run(world.config({ command: "upgrade", release: "lotus-1", ref: "v1.28.0" }), world.deps({ eventName: "workflow_dispatch" }));
    expect(result.outputs).toMatchObject({ result: "done", release: "lotus-1", ref: sha, "image-tag": sha, "lease-owner": ACTOR });
    expect(world.fakes.calls("helm")[0]).toContain(`image.tag=${sha}`);
  });

  it("parse mode validates the inputs and resolves the ref once; the deploy job uses that SHA", async () => {
    const sha = "2222222222222222222222222222222222222222";
    fakeGitHub({ commits: { main: sha } });
    const result = await run(world.config({ mode: "parse", command: "upgrade", release: "lotus-0", ref: "main" }), world.deps({ eventName: "workflow_dispatch" }));
    expect(result.outputs).toEqual({ result: "accepted", command: "upgrade", release: "lotus-0", ref: sha });
    expect(world.fakes.calls("helm")).toEqual([]);

    resetNock();
    fakeGitHub({ commits: { main: "3333333333333333333333333333333333333333" } });
    const deployed = await run(world.config({ command: "upgrade", release: "lotus-0", ref: "main", "resolved-ref": sha }), world.deps({ eventName: "workflow_dispatch" }));
    expect(deployed.outputs).toMatchObject({ ref: sha, "image-tag": sha });
    expect(world.fakes.calls("helm")[0]).toContain(`image.tag=${sha}`);
  });

  it("an owner other than the actor needs the force rights (no releasing a colleague's lease by name)", async () => {
    fakeGitHub({ permission: "write" });
    await run(world.config({ command: "acquire", release: "lotus-0", owner: "alice" }), { ...world.deps(), github: undefined });
    await expect(run(world.config({ command: "release", release: "lotus-0", owner: "alice" }), world.deps({ eventName: "workflow_dispatch" }))).rejects.toThrow(/owner.*may only be you/);
    await expect(run(world.config({ command: "upgrade", release: "lotus-0", owner: "@Alice", ref: HEAD }), world.deps({ eventName: "workflow_dispatch" }))).rejects.toThrow(/may only be you/);
    expect(world.fakes.calls("helm")).toEqual([]);
    const status = await run(world.config({ command: "status" }), world.deps({ eventName: "workflow_dispatch" }));
    expect(status.outputs.result).toBe("done");
    expect(status.report.toText()).toContain("alice");

    resetNock();
    fakeGitHub({ permission: "admin" });
    const released = await run(world.config({ command: "release", release: "lotus-0", owner: "alice" }), world.deps({ eventName: "workflow_dispatch" }));
    expect(released.outputs).toMatchObject({ result: "done", release: "lotus-0" });
  });

  it("the dispatch actor needs required-permission from the API", async () => {
    const github = fakeGitHub({ permission: "write" });
    await expect(
      run(world.config({ command: "upgrade", release: "lotus-0", ref: HEAD, "required-permission": "maintain" }), world.deps({ eventName: "workflow_dispatch" })),
    ).rejects.toThrow(/needs maintain permission.*has write/);
    expect(github.permissionCalls).toBe(1);
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(world.leaseFiles()).toEqual([]);
  });

  it("without GitHub (CLI) takes an image tag or a full SHA, and force needs no API", async () => {
    const deps = { ...world.deps(), github: undefined };
    await expect(run(world.config({ command: "upgrade", release: "lotus-0", ref: "main", owner: "anton" }), deps)).rejects.toBeInstanceOf(ConfigError);
    const result = await run(world.config({ command: "create", release: "lotus-0", "image-tag": "v1.28.0", owner: "anton" }), deps);
    expect(result.outputs).toMatchObject({ "image-tag": "v1.28.0", "lease-owner": "anton" });
    expect(world.fakes.calls("helm")[0]?.[0]).toBe("install");
    const status = await run(world.config({ command: "status" }), deps);
    expect(status.report.toText()).toContain("lotus-0");
  });

  it("force from the dispatch form needs the force permission", async () => {
    fakeGitHub({ permission: "write" });
    await expect(run(world.config({ command: "release", release: "lotus-0", force: "true" }), world.deps({ eventName: "workflow_dispatch" }))).rejects.toThrow(/may not force/);
  });

  it("needs a command outside issue_comment", async () => {
    await expect(run(world.config(), world.deps({ eventName: "push" }))).rejects.toThrow(/command/);
  });
});
