// Runs the bundled action as the runner does: node dist/index.js with INPUT_* variables, against
// the Kubernetes fake and the Cloudflare capture server (the child reaches them over HTTP).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COINBASE } from "./plan-fixtures";
import { startWorld, ZONE, type World } from "./world";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const bundle = join(root, "actions", "deploy-network", "dist", "index.js");

function runBundle(inputs: Record<string, string>, extraEnv: Record<string, string>, dir: string): Promise<{ code: number; stdout: string; outputs: Record<string, string>; summary: string }> {
  const outputFile = join(dir, `output-${Math.random()}`);
  const summaryFile = join(dir, `summary-${Math.random()}.md`);
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, GITHUB_ACTIONS: "true", GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...extraEnv };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve) => {
    execFile(process.execPath, [bundle], { env, timeout: 120_000 }, (error, stdout) => {
      const outputs: Record<string, string> = {};
      const text = readFileSync(outputFile, "utf8");
      for (const match of text.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, outputs, summary: readFileSync(summaryFile, "utf8") });
    });
  });
}

describe("the bundled action (node actions/deploy-network/dist/index.js)", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  const inputs = () => ({ network: "devnet-5", miners: "3", bootnodes: "1", coinbases: COINBASE, store: world.storeUrl, kubeconfig: world.kubeconfig, domain: "spacemesh.network", "dns-target": "203.0.113.10", "cloudflare-zone-id": ZONE });
  const env = () => ({ CHAINOPS_CLOUDFLARE_API_URL: `${world.cloudflare.url}/client/v4` });

  it("plan: outputs the plan and writes the table to the job summary, changing nothing", async () => {
    const result = await runBundle({ ...inputs(), command: "plan" }, {}, world.dir);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.outputs.plan!);
    expect(plan.nodes.map((n: { name: string }) => n.name)).toEqual(["bootnode-0", "poet-0", "smesher-0", "smesher-1"]);
    expect(result.outputs["genesis-id"]).toMatch(/^[0-9a-f]{40}$/);
    expect(result.summary).toContain("| bootnode-0 | bootnode |");
    expect(world.kube.writes).toEqual([]);
  });

  it("create: applies the network, DNS through the Cloudflare SDK, then a second run changes nothing", async () => {
    const first = await runBundle({ ...inputs(), command: "create", "cloudflare-token": "cf-secret-token" }, env(), world.dir);
    expect(first.code, first.stdout).toBe(0);
    expect(Number(first.outputs.changed)).toBeGreaterThan(0);
    expect(world.kube.objects("Deployment", "devnet-5").map((d) => d.metadata.name)).toEqual(["bootnode-0", "poet-0", "smesher-0", "smesher-1"]);
    expect(world.cloudflare.requests.some((r) => r.headers.authorization === "Bearer cf-secret-token")).toBe(true);
    expect(first.stdout.replace(/^::add-mask::.*$/gm, "")).not.toContain("cf-secret-token");
    const second = await runBundle({ ...inputs(), command: "create", "cloudflare-token": "cf-secret-token" }, env(), world.dir);
    expect(second.outputs.changed).toBe("0");
  });

  it("bad input fails the step naming the input, before anything is read or applied", async () => {
    const writes = world.kube.writes.length;
    const result = await runBundle({ ...inputs(), command: "create", network: "Dev_5" }, {}, world.dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::Invalid network \(got "Dev_5"\): is not a DNS label/);
    expect(world.kube.writes.length).toBe(writes);
  });
});
