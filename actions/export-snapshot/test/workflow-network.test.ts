// The scheduled workflow must not name the network itself: unset, export-snapshot takes the node's
// StateNetworkName, and a name that is set is checked against the node (issue 9 §2).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import { expect, it } from "vitest";

const workflow = fileURLToPath(new URL("../../../.github/workflows/filecoin-snapshots.yml", import.meta.url));

type Step = { uses?: string; with?: Record<string, unknown> };

it("filecoin-snapshots.yml defaults the network to nothing (the node's), never to mainnet", () => {
  const text = readFileSync(workflow, "utf8");
  const doc = load(text) as { jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(doc.jobs).flatMap((job) => job.steps).filter((step) => step.uses === "./actions/export-snapshot");
  expect(steps.length).toBeGreaterThan(0);
  for (const step of steps) expect(String(step.with?.network)).toBe("${{ inputs.network || vars.FILECOIN_NETWORK }}");
  // No expression that picks a network falls back to a literal network name.
  const networkExpressions = [...text.matchAll(/\$\{\{[^}]*(?:inputs\.network|FILECOIN_NETWORK)[^}]*\}\}/g)].map((m) => m[0]);
  expect(networkExpressions.length).toBeGreaterThan(0);
  for (const expression of networkExpressions) expect(expression).not.toMatch(/'(mainnet|calibrationnet|calibnet)'/);
});
