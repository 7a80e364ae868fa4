// Walks every .github/workflows/*.yml for the ChatOps and workflow security rules of DESIGN.md §4,
// and validates workflows and action.yml files against the SchemaStore schemas (conformance dir).
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describeConformance, readConformanceJson } from "@chainops/testkit";

const root = fileURLToPath(new URL("..", import.meta.url));
const workflowDir = join(root, ".github", "workflows");
const workflowFiles = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const actionFiles = readdirSync(join(root, "actions"))
  .map((name) => join("actions", name, "action.yml"))
  .filter((rel) => existsSync(join(root, rel)));

type Doc = Record<string, any>;
const PINNED = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[^@]+)?@[0-9a-f]{40}$/;
/** Untrusted or step-derived values that must reach scripts through env:, never inline. */
const UNSAFE_IN_RUN = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.|steps\.[^.}]+\.outputs\.|needs\.[^.}]+\.outputs\.)[^}]*\}\}/;
const PRIVILEGED_TRIGGERS = ["issue_comment", "pull_request_target", "workflow_run"];

function triggersOf(doc: Doc): Record<string, any> {
  const on = doc.on;
  if (typeof on === "string") return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((t: string) => [t, null]));
  return on ?? {};
}

function isReadOnly(permissions: unknown): boolean {
  if (permissions === "read-all") return true;
  if (!permissions || typeof permissions !== "object") return false;
  return Object.values(permissions).every((v) => v === "read" || v === "none");
}

function secretRefs(value: unknown): string[] {
  return [...JSON.stringify(value ?? null).matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]!).filter((s) => s !== "GITHUB_TOKEN");
}

/** Every rule violation in one workflow document, as readable lines. */
export function checkWorkflow(file: string, doc: Doc): string[] {
  const problems: string[] = [];
  const triggers = triggersOf(doc);
  const privileged = PRIVILEGED_TRIGGERS.some((t) => t in triggers);

  if (!("permissions" in doc)) problems.push(`${file}: no top-level permissions (use permissions: {} and raise per job)`);
  else if (!isReadOnly(doc.permissions) && !(doc.permissions && typeof doc.permissions === "object" && Object.keys(doc.permissions).length === 0)) {
    problems.push(`${file}: top-level permissions must be {} or read-only`);
  }
  if ("issue_comment" in triggers) {
    const types = triggers.issue_comment?.types;
    if (!Array.isArray(types) || types.length !== 1 || types[0] !== "created") problems.push(`${file}: issue_comment must use types: [created]`);
  }
  if (secretRefs(doc.env).length) problems.push(`${file}: secrets in workflow-level env reach every job`);

  for (const [jobName, job] of Object.entries<Doc>(doc.jobs ?? {})) {
    const where = `${file} job ${jobName}`;
    const runsOn = ([] as string[]).concat(job["runs-on"] ?? []);
    const deploying = Boolean(job.environment) || runsOn.includes("self-hosted");
    if (deploying && !job.concurrency && !doc.concurrency) problems.push(`${where}: deploying job without a concurrency group`);
    if (job.secrets === "inherit") problems.push(`${where}: secrets: inherit hands every secret to the callee`);
    const secrets = secretRefs({ env: job.env, steps: job.steps, with: job.with, secrets: job.secrets });
    if (secrets.length && privileged && !job.environment) problems.push(`${where}: uses secrets (${secrets.join(", ")}) on a comment-triggered run without an environment`);
    if (job.uses && !String(job.uses).startsWith("./") && !PINNED.test(job.uses)) problems.push(`${where}: reusable workflow ${job.uses} not pinned by SHA`);
    for (const [index, step] of (job.steps ?? []).entries()) {
      const label = `${where} step ${step.name ?? step.id ?? index + 1}`;
      if (typeof step.uses === "string" && !step.uses.startsWith("./") && !step.uses.startsWith("docker://") && !PINNED.test(step.uses)) {
        problems.push(`${label}: ${step.uses} is not pinned by a 40-hex commit SHA`);
      }
      if (typeof step.run === "string" && UNSAFE_IN_RUN.test(step.run)) {
        problems.push(`${label}: run script expands ${UNSAFE_IN_RUN.exec(step.run)![0]} inline; pass it through env:`);
      }
      if (privileged && typeof step.uses === "string" && step.uses.startsWith("actions/checkout@")) {
        // Any computed ref or repository (an event field, a parse job's resolved SHA) may name PR code: only the default branch.
        const target = `${step.with?.ref ?? ""} ${step.with?.repository ?? ""}`;
        if (/head|refs\/pull|\$\{\{/.test(target)) problems.push(`${label}: checks out pull-request code in a privileged workflow`);
      }
    }
  }
  return problems;
}

const parse = (text: string) => load(text) as Doc;

/** lotusbot: the deploy job deploys the commit the parse job resolved (no second read of the PR head). */
export function checkLotusbotPinsCommit(doc: Doc): string[] {
  const problems: string[] = [];
  const parseJob = doc.jobs?.parse;
  const deploy = doc.jobs?.deploy;
  if (!/steps\.parse\.outputs\.ref\b/.test(String(parseJob?.outputs?.ref ?? ""))) problems.push("parse job does not output the resolved ref");
  const step = (deploy?.steps ?? []).find((s: Doc) => s.uses === "./actions/canary");
  if (!/needs\.parse\.outputs\.ref\b/.test(String(step?.with?.["resolved-ref"] ?? ""))) problems.push("deploy job does not pass needs.parse.outputs.ref as resolved-ref");
  return problems;
}

describe("workflow rules (DESIGN.md §4)", () => {
  it("finds the workflows", () => {
    expect(workflowFiles).toContain("lotusbot.yml");
  });

  it.each(workflowFiles)("%s follows the rules", (file) => {
    expect(checkWorkflow(file, parse(readFileSync(join(workflowDir, file), "utf8")))).toEqual([]);
  });

  it("the rules catch what they are meant to catch", () => {
    const bad = parse(`
on:
  issue_comment:
  pull_request_target:
permissions: write-all
env:
  TOKEN: \${{ secrets.DEPLOY_TOKEN }}
jobs:
  go:
    runs-on: [self-hosted, eks]
    environment: prod
    secrets: inherit
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
        with:
          ref: \${{ needs.parse.outputs.ref }}
      - run: echo "\${{ github.event.comment.body }}"
      - run: deploy \${{ steps.parse.outputs.release }}
  leak:
    runs-on: ubuntu-24.04
    steps:
      - run: echo hi
        env:
          T: \${{ secrets.DEPLOY_TOKEN }}
`);
    const problems = checkWorkflow("bad.yml", bad).join("\n");
    for (const expected of [
      "top-level permissions must be {} or read-only",
      "issue_comment must use types: [created]",
      "secrets in workflow-level env",
      "deploying job without a concurrency group",
      "secrets: inherit",
      "actions/checkout@v4 is not pinned",
      "checks out pull-request code",
      "expands ${{ github.event.comment.body }} inline",
      "expands ${{ steps.parse.outputs.release }} inline",
      "job leak: uses secrets (DEPLOY_TOKEN) on a comment-triggered run without an environment",
    ]) {
      expect(problems).toContain(expected);
    }
    expect(problems.match(/checks out pull-request code/g)).toHaveLength(2);
    expect(checkWorkflow("none.yml", parse("on: push\njobs: {}"))).toEqual(["none.yml: no top-level permissions (use permissions: {} and raise per job)"]);
  });
});

describe("lotusbot resolves the commit once", () => {
  it("the deploy job gets the parse job's SHA", () => {
    expect(checkLotusbotPinsCommit(parse(readFileSync(join(workflowDir, "lotusbot.yml"), "utf8")))).toEqual([]);
    expect(checkLotusbotPinsCommit(parse("jobs:\n  parse: {}\n  deploy:\n    steps:\n      - uses: ./actions/canary\n"))).toHaveLength(2);
  });
});

describeConformance("workflow and action schemas (SchemaStore)", () => {
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  const compile = (rel: string) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    return ajv.compile(readConformanceJson<object>(rel));
  };
  const validateWorkflow = compile("github-schemas/github-workflow.schema.json");
  const validateAction = compile("github-schemas/github-action.schema.json");

  it.each(workflowFiles)("%s matches github-workflow.schema.json", (file) => {
    const ok = validateWorkflow(parse(readFileSync(join(workflowDir, file), "utf8")));
    expect(validateWorkflow.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(actionFiles)("%s matches github-action.schema.json", (rel) => {
    const ok = validateAction(parse(readFileSync(join(root, rel), "utf8")));
    expect(validateAction.errors ?? [], rel).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the schemas reject a broken workflow and a broken action", () => {
    expect(validateWorkflow({ on: "push", jobs: { x: { "runs-on": "ubuntu-24.04", steps: [{ uses: 5 }] } } })).toBe(false);
    expect(validateAction({ name: "x", runs: { using: "node24" } })).toBe(false);
  });
});
