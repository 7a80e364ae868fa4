import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "@chainops/shared";
import { readJson } from "@chainops/shared/storage";
import { startTweetyServer, RPC_ERRORS, type TweetyServer } from "../src/rpc-server";
import type { CanaryConfig } from "../src/config";
import { canaryDeps } from "../src/run";
import { createWorld, type CanaryWorld } from "./world";

let world: CanaryWorld;
let server: TweetyServer;
let config: CanaryConfig;

function deps() {
  return canaryDeps(config, { ...world.deps(), github: undefined });
}

beforeEach(async () => {
  world = createWorld();
  config = world.config();
  server = await startTweetyServer({ port: 0, settings: config.settings, releases: config.releaseMatcher, deps: deps(), logger: world.logger });
});
afterEach(async () => {
  await server.close();
  world.close();
});

async function post(body: string, headers: Record<string, string> = {}, url = server.url): Promise<{ status: number; json: any }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}
const rpc = (method: string, params: unknown, id: unknown = 68) => post(JSON.stringify({ jsonrpc: "2.0", method, params, id }));

describe("TweetyService JSON-RPC", () => {
  it("answers all six methods with tweety's parameter names (params: [ {…} ])", async () => {
    const acquire = await rpc("TweetyService.Acquire", [{ ReleaseName: "lotus-1", Owner: "anton" }]);
    expect(acquire.json).toMatchObject({ jsonrpc: "2.0", id: 68, result: { Result: expect.stringContaining("anton holds lotus-1") } });

    const upgrade = await rpc("TweetyService.Upgrade", [{ ReleaseName: "lotus-1", ImageTag: "v1.2.2", Owner: "anton" }]);
    expect(upgrade.json.result.Result).toContain("lotus-1 runs image tag v1.2.2");
    expect(world.fakes.calls("helm").at(-1)).toEqual(expect.arrayContaining(["upgrade", "--install", "--set-string", "image.tag=v1.2.2", "lotus-1"]));

    const create = await rpc("TweetyService.CreateCanary", [{ ReleaseName: "lotus-0", ImageTag: "v1.2.2" }]);
    expect(create.json.result.Result).toContain("lotus-0 runs image tag v1.2.2");
    expect(world.fakes.calls("helm").at(-1)?.[0]).toBe("install");

    const snapshot = await rpc("TweetyService.InstallSnapshot", [{ ReleaseName: "lotus-0", ImageTag: "v1.2.3" }]);
    expect(snapshot.json.result).toBeDefined();
    expect(world.fakes.calls("helm").at(-1)).toContain("importSnapshot.enabled=true");

    // Without an Owner only a free canary may be touched: lotus-1 is anton's.
    const busy = await rpc("TweetyService.InstallSnapshot", [{ ReleaseName: "lotus-1", ImageTag: "v1.2.3" }]);
    expect(busy.json.error).toMatchObject({ code: RPC_ERRORS.busy, message: expect.stringContaining("Canary lotus-1 is held by anton since") });

    const release = await rpc("TweetyService.Release", [{ ReleaseName: "lotus-1", Owner: "anton" }]);
    expect(release.json.result.Result).toContain("free again");
    expect((await readJson<{ released_at?: string }>(world.store, "canary-leases/lotus-1.json"))?.value.released_at).toBeDefined();

    const del = await rpc("TweetyService.DeleteCanary", [{ ReleaseName: "lotus-0" }]);
    expect(del.json.result.Result).toBe("lotus-0 deleted");
    expect(world.fakes.calls("kubectl").at(-1)).toContain("release=lotus-0");
  });

  it("another owner cannot upgrade a leased canary", async () => {
    await rpc("TweetyService.Acquire", [{ ReleaseName: "lotus-0", Owner: "anton" }]);
    const helmCalls = world.fakes.calls("helm").length;
    const answer = await rpc("TweetyService.Upgrade", [{ ReleaseName: "lotus-0", ImageTag: "v1", Owner: "mallory" }]);
    expect(answer.json.error.code).toBe(RPC_ERRORS.busy);
    expect(world.fakes.calls("helm")).toHaveLength(helmCalls);
  });

  it.each([
    ["not JSON", "{\"jsonrpc\": \"2.0\", ", RPC_ERRORS.parse],
    ["not an object", "42", RPC_ERRORS.invalidRequest],
    ["no jsonrpc", JSON.stringify({ method: "TweetyService.Acquire", params: [], id: 1 }), RPC_ERRORS.invalidRequest],
    ["method not a string", JSON.stringify({ jsonrpc: "2.0", method: 5, id: 1 }), RPC_ERRORS.invalidRequest],
    ["empty batch", "[]", RPC_ERRORS.invalidRequest],
    ["unknown method", JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Exec", params: [{}], id: 1 }), RPC_ERRORS.methodNotFound],
    ["missing params", JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Upgrade", id: 1 }), RPC_ERRORS.invalidParams],
    ["two param objects", JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Acquire", params: [{}, {}], id: 1 }), RPC_ERRORS.invalidParams],
    ["missing Owner", JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Upgrade", params: [{ ReleaseName: "lotus-0", ImageTag: "v1" }], id: 1 }), RPC_ERRORS.invalidParams],
    ["unknown release", JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Acquire", params: [{ ReleaseName: "../etc", Owner: "a" }], id: 1 }), RPC_ERRORS.invalidParams],
    ["hostile image tag", JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Upgrade", params: [{ ReleaseName: "lotus-0", ImageTag: "x,image.repository=evil", Owner: "a" }], id: 1 }), RPC_ERRORS.invalidParams],
    ["number ReleaseName", JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Acquire", params: [{ ReleaseName: 0, Owner: "a" }], id: 1 }), RPC_ERRORS.invalidParams],
  ])("rejects %s with a JSON-RPC error object", async (_name, body, code) => {
    const answer = await post(body);
    const error = Array.isArray(answer.json) ? answer.json[0].error : answer.json.error;
    expect(error.code).toBe(code);
    expect(typeof error.message).toBe("string");
    expect(answer.json.jsonrpc ?? answer.json[0]?.jsonrpc).toBe("2.0");
    expect(world.fakes.calls("helm")).toEqual([]);
    expect(world.leaseFiles()).toEqual([]);
  });

  it("needs a bearer token when bound beyond loopback, and checks it", async () => {
    await expect(startTweetyServer({ host: "0.0.0.0", port: 0, settings: config.settings, releases: config.releaseMatcher, deps: deps(), logger: world.logger })).rejects.toBeInstanceOf(ConfigError);
    const open = await startTweetyServer({ host: "0.0.0.0", port: 0, token: "s3cret", settings: config.settings, releases: config.releaseMatcher, deps: deps(), logger: world.logger });
    try {
      const url = `http://127.0.0.1:${open.port}/`;
      const body = JSON.stringify({ jsonrpc: "2.0", method: "TweetyService.Acquire", params: [{ ReleaseName: "lotus-0", Owner: "anton" }], id: 1 });
      expect((await post(body, {}, url)).status).toBe(401);
      expect((await post(body, { authorization: "Bearer wrong!" }, url)).status).toBe(401);
      const ok = await post(body, { authorization: "Bearer s3cret" }, url);
      expect(ok.json.result.Result).toContain("anton holds lotus-0");
    } finally {
      await open.close();
    }
  });
});
