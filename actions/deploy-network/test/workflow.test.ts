// .github/workflows/deploy-network.yml, read statically (actionlint and scripts/workflows.test.ts check the general rules).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { COMMANDS, INPUTS } from "../src/config";

const workflow = load(readFileSync(fileURLToPath(new URL("../../../.github/workflows/deploy-network.yml", import.meta.url)), "utf8")) as Record<string, any>;
const action = load(readFileSync(fileURLToPath(new URL("../action.yml", import.meta.url)), "utf8")) as Record<string, any>;

describe("deploy-network workflow", () => {
  it("has a dispatch form with the command as a choice and typed inputs, a workflow_call entry and a 10-minute watch", () => {
    const dispatch = workflow.on.workflow_dispatch.inputs;
    expect(dispatch.command.type).toBe("choice");
    expect(dispatch.command.options.every((c: string) => (COMMANDS as readonly string[]).includes(c))).toBe(true);
    expect(dispatch.miners.type).toBe("number");
    expect(dispatch.bootstrap.type).toBe("boolean");
    expect(Object.keys(workflow.on.workflow_call.inputs)).toEqual(Object.keys(dispatch));
    expect(workflow.on.schedule).toEqual([{ cron: "*/10 * * * *" }]);
    expect(workflow.jobs.watch.steps.at(-1).with.command).toBe("watch");
  });

  it("changes a network in one job per network at a time, behind an environment, and only that job (and the watch's own environment) sees secrets", () => {
    const { plan, apply, watch } = workflow.jobs;
    expect(apply.concurrency).toEqual({ group: "deploy-network-${{ inputs.network }}", "cancel-in-progress": false });
    expect(apply.environment).toBe("spacemesh-networks");
    expect(apply.needs).toBe("plan");
    expect(JSON.stringify(plan)).not.toMatch(/secrets\./);
    expect(JSON.stringify(apply)).toMatch(/secrets\.CLOUDFLARE_API_TOKEN/);
    expect(watch.environment).toBe("spacemesh-watch");
    expect(workflow.permissions).toEqual({});
  });

  it("passes only inputs the action has", () => {
    const names = new Set(Object.keys(action.inputs));
    for (const job of Object.values<any>(workflow.jobs)) {
      for (const step of job.steps) if (step.uses === "./actions/deploy-network") for (const input of Object.keys(step.with)) expect(names.has(input), input).toBe(true);
    }
    expect(Object.values(INPUTS).every((name) => names.has(name))).toBe(true);
  });
});
