// The shipped alert rules and Grafana dashboards: promtool checks and unit tests, runbook links that
// resolve, and expressions that read only series the demo's textfiles really contain.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithTools } from "@chainops/testkit";
import { createDemoContext } from "../../scripts/demo/context";
import { filecoinStep } from "../../scripts/demo/filecoin";
import { demoMetricsFiles } from "../../scripts/demo/monitoring";
import { shotsStep } from "../../scripts/demo/shots";
import { markdownAnchors, seriesIn, withGrafanaVariables } from "./promql";

const root = fileURLToPath(new URL("../..", import.meta.url));
const rulesDir = join(root, "monitoring", "prometheus");
const dashboardsDir = join(root, "monitoring", "grafana", "dashboards");
const RUNBOOK_BASE = "https://github.com/chainops/chainops/blob/main/";

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: Array<{ name: string; rules: AlertRule[] }>;
}
interface RuleTests {
  rule_files: string[];
  tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts?: unknown[] }> }>;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Array<{ expr: string; datasource?: { type: string; uid: string } }>;
}
interface Dashboard {
  uid: string;
  id?: number | null;
  templating: { list: Array<{ name: string; type: string; query: unknown; datasource?: { uid: string } }> };
  panels: Panel[];
  __inputs?: unknown;
}

const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith(".rules.yml")).sort();
const rulesOf = (file: string) => yaml.load(readFileSync(join(rulesDir, file), "utf8")) as RuleFile;
const alertsOf = (file: string) => rulesOf(file).groups.flatMap((g) => g.rules);
const testFileOf = (file: string) => join(rulesDir, "tests", file.replace(/\.rules\.yml$/, ".test.yml"));
const dashboardFiles = readdirSync(dashboardsDir).filter((f) => f.endsWith(".json")).sort();
const dashboardOf = (file: string) => JSON.parse(readFileSync(join(dashboardsDir, file), "utf8")) as Dashboard;
const expressionsOf = (d: Dashboard) => d.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

function run(command: string, args: string[], cwd = root): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile(command, args, { cwd }, (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr })),
  );
}

it("ships rule files, their unit tests and dashboards", () => {
  expect(ruleFiles).toEqual(["export-snapshot.rules.yml", "publish-shots.rules.yml"]);
  expect(dashboardFiles).toEqual(["filecoin-snapshots.json", "tezos-snapshots.json"]);
  for (const file of ruleFiles) expect(existsSync(testFileOf(file)), testFileOf(file)).toBe(true);
});

describe("alert rules", () => {
  it.each(ruleFiles)("%s: every alert has a severity, a summary, a description and a runbook section of its action's README that exists", (file) => {
    const action = file.replace(/\.rules\.yml$/, "");
    const alerts = alertsOf(file);
    expect(alerts.length).toBeGreaterThan(0);
    for (const rule of alerts) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(["critical", "warning"]).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toMatch(/Check first/);
      const url = rule.annotations?.runbook_url ?? "";
      expect(url.startsWith(`${RUNBOOK_BASE}actions/${action}/README.md#`), `${rule.alert}: ${url}`).toBe(true);
      const [path, anchor] = url.slice(RUNBOOK_BASE.length).split("#");
      expect(anchor, url).toBe(rule.alert!.toLowerCase());
      expect(markdownAnchors(readFileSync(join(root, path!), "utf8")), `${path} has a heading for #${anchor}`).toContain(anchor);
    }
  });

  it.each(ruleFiles)("%s: its promtool unit tests check every alert both firing and not firing", (file) => {
    const tests = yaml.load(readFileSync(testFileOf(file), "utf8")) as RuleTests;
    expect(tests.rule_files).toEqual([`../${file}`]);
    const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const rule of alertsOf(file)) {
      const mine = cases.filter((c) => c.alertname === rule.alert);
      expect(mine.some((c) => !c.exp_alerts?.length), `${rule.alert} is tested not firing`).toBe(true);
      expect(mine.some((c) => (c.exp_alerts?.length ?? 0) > 0), `${rule.alert} is tested firing`).toBe(true);
    }
  });
});

describe("dashboards", () => {
  it.each(dashboardFiles)("%s is provisioning-ready: a data source variable, no data source UID, unique panel ids", (file) => {
    const dashboard = dashboardOf(file);
    expect(dashboard.__inputs).toBeUndefined();
    expect(dashboard.id ?? null).toBeNull();
    expect(dashboard.uid).toMatch(/^chainops-[a-z-]+$/);
    expect(dashboard.templating.list.find((v) => v.name === "datasource")).toMatchObject({ type: "datasource", query: "prometheus" });
    // Every data source reference anywhere in the JSON is the variable (or Grafana's built-in annotations).
    const uids = [...JSON.stringify(dashboard).matchAll(/"uid":\s*"([^"]*)"/g)].map((m) => m[1]).filter((uid) => uid !== dashboard.uid);
    expect(new Set(uids)).toEqual(new Set(["${datasource}", "-- Grafana --"]));
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels.filter((p) => p.type !== "row")) {
      expect(panel.datasource, panel.title).toEqual({ type: "prometheus", uid: "${datasource}" });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
  });
});

describe("what the rules and dashboards read is what the demo writes", () => {
  /** Metric name → the label names it has, over every series of the demo's textfiles. */
  const demo = new Map<string, Set<string>>();
  let dir: string;
  beforeAll(async () => {
    // The demo's own steps, into a temp dir: the same textfiles `npm run demo` leaves in .demo/metrics.
    dir = await mkdtemp(join(tmpdir(), "chainops-monitoring-demo-"));
    const context = await createDemoContext(root, dir);
    await filecoinStep.run(context);
    await shotsStep.run(context);
    for (const file of await demoMetricsFiles(context)) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? /.exec(line);
        if (!sample) continue;
        const labels = demo.get(sample[1]!) ?? new Set<string>();
        for (const m of (sample[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)) labels.add(m[1]!);
        demo.set(sample[1]!, labels);
      }
    }
  }, 600_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const expectKnown = (expr: string, where: string) => {
    const refs = seriesIn(expr);
    expect(refs.length, `${where} reads some series: ${expr}`).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(demo.has(ref.name), `${where}: ${ref.name} is in the demo's textfiles (${[...demo.keys()].join(", ")})`).toBe(true);
      for (const label of ref.labels) expect([...demo.get(ref.name)!], `${where}: ${ref.name} has label ${label}`).toContain(label);
    }
  };

  it("the demo wrote both actions' textfiles, with Filcryo's names beside export-snapshot's", () => {
    expect([...demo.keys()].filter((n) => n.startsWith("chainops_export_snapshot_")).length).toBeGreaterThan(10);
    expect([...demo.keys()].filter((n) => n.startsWith("chainops_publish_shots_")).length).toBeGreaterThan(10);
    expect([...demo.keys()].filter((n) => n.startsWith("filcryo_"))).toHaveLength(7);
  });

  it.each(ruleFiles)("%s reads only series the demo's textfiles contain", (file) => {
    for (const rule of alertsOf(file)) expectKnown(rule.expr, rule.alert!);
  });

  it.each(dashboardFiles)("%s: every panel and variable reads only series the demo's textfiles contain", (file) => {
    const dashboard = dashboardOf(file);
    for (const { panel, expr } of expressionsOf(dashboard)) expectKnown(withGrafanaVariables(expr), `${file} panel "${panel}"`);
    for (const variable of dashboard.templating.list.filter((v) => v.type === "query")) {
      const query = (variable.query as { query: string }).query;
      const inner = /^label_values\((.+),\s*([a-z_]+)\)$/.exec(query);
      expect(inner, query).not.toBeNull();
      expectKnown(withGrafanaVariables(inner![1]!), `${file} variable ${variable.name}`);
      expect([...demo.get(seriesIn(inner![1]!)[0]!.name)!]).toContain(inner![2]);
    }
  });

  it("the scanner finds series and their matchers, and skips functions, keywords and durations", () => {
    expect(seriesIn('time() - max by (network) (a_seconds{network=~"$network"}) > ignoring (kind) group_left b_seconds offset 1h and increase(c_total[2h]) > 2 * 30')).toEqual([
      { name: "a_seconds", labels: ["network"] },
      { name: "b_seconds", labels: [] },
      { name: "c_total", labels: [] },
    ]);
  });
});

describeWithTools(["promtool"], "promtool", ({ promtool }) => {
  it.each(ruleFiles)("check rules %s", async (file) => {
    const result = await run(promtool!, ["check", "rules", join(rulesDir, file)]);
    expect(result, result.out).toMatchObject({ code: 0 });
    expect(result.out).toContain("SUCCESS");
  });

  it.each(ruleFiles)("test rules %s", async (file) => {
    const result = await run(promtool!, ["test", "rules", testFileOf(file)], rulesDir);
    expect(result, result.out).toMatchObject({ code: 0 });
    expect(result.out).toContain("SUCCESS");
  });

  it("the unit tests can fail: a rule with another threshold fails them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "chainops-rules-"));
    try {
      const original = readFileSync(join(rulesDir, "export-snapshot.rules.yml"), "utf8");
      const mutated = original.replace("> 2 * 30 * chainops_export_snapshot_window_epochs", "> 3 * 30 * chainops_export_snapshot_window_epochs");
      expect(mutated).not.toBe(original);
      await writeFile(join(dir, "export-snapshot.rules.yml"), mutated);
      await writeFile(join(dir, "test.yml"), readFileSync(testFileOf("export-snapshot.rules.yml"), "utf8").replace("../export-snapshot.rules.yml", "export-snapshot.rules.yml"));
      const result = await run(promtool!, ["test", "rules", "test.yml"], dir);
      expect(result.code).not.toBe(0);
      expect(result.out).toMatch(/alertname: FilecoinSnapshotExportsStopped/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each(dashboardFiles)("%s: every panel's query parses (as recording rules in a throw-away rule file)", async (file) => {
    const exprs = expressionsOf(dashboardOf(file));
    const rules = { groups: [{ name: "panels", rules: exprs.map((e, i) => ({ record: `chainops_panel_${i}`, expr: withGrafanaVariables(e.expr) })) }] };
    for (const rule of rules.groups[0]!.rules) expect(rule.expr, rule.expr).not.toContain("$");
    const dir = await mkdtemp(join(tmpdir(), "chainops-panels-"));
    try {
      await writeFile(join(dir, "panels.yml"), yaml.dump(rules));
      const result = await run(promtool!, ["check", "rules", join(dir, "panels.yml")]);
      expect(result, result.out).toMatchObject({ code: 0 });
      expect(result.out).toContain(`SUCCESS: ${exprs.length} rules found`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
