// `npm run demo`: every capability on the embedded default (file:// bucket under ./.demo,
// built-in node simulators, no cloud account, no network). Each step lives in its own file.
import { fileURLToPath } from "node:url";
import { createDemoContext, type DemoContext } from "./context";
import { canaryStep } from "./canary";
import { foundationStep } from "./foundation";
import { filecoinStep } from "./filecoin";
import { monitoringStep } from "./monitoring";
import { shotsStep } from "./shots";
import { deployNetworkStep } from "./deploy-network";

type DemoStep = { name: string; run: (context: DemoContext) => Promise<void> };

const steps: DemoStep[] = [
  // Each capability adds its step here, in the order a new user should see them.
  foundationStep,
  filecoinStep,
  shotsStep,
  canaryStep,
  deployNetworkStep,
  monitoringStep,
];

const root = fileURLToPath(new URL("../..", import.meta.url));
const context = await createDemoContext(root);
for (const step of steps) {
  await step.run(context);
}
console.log(`\nDemo finished: everything it wrote is under ${context.dir}`);
