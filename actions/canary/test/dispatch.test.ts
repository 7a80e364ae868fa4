import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "@chainops/shared";
import { run } from "../src/run";
import { ACTOR, createWorld, fakeGitHub, resetNock, type CanaryWorld } from "./world";

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

  it("parse mode only validates the inputs", async () => {
    const result = await run(world.config({ mode: "parse", command: "upgrade", release: "lotus-0", ref: "main" }), world.deps({ eventName: "workflow_dispatch" }));
    expect(result.outputs).toEqual({ result: "accepted", command: "upgrade", release: "lotus-0" });
    expect(world.fakes.calls("helm")).toEqual([]);
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
