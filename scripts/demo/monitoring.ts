// Demo step "monitoring": where the metrics files the earlier steps wrote are, and the alert rules
// and Grafana dashboards that read them (README § Monitoring says how to load them).
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { DemoContext } from "./context";

export const monitoringStep = { name: "monitoring", run: runMonitoringDemo };

/** The demo's textfiles, as node_exporter's textfile collector would read them. */
export async function demoMetricsFiles(context: DemoContext): Promise<string[]> {
  const dir = join(context.dir, "metrics");
  return (await readdir(dir)).filter((name) => name.endsWith(".prom")).sort().map((name) => join(dir, name));
}

async function runMonitoringDemo(context: DemoContext): Promise<void> {
  context.step("monitoring: the metrics files, and the alert rules and dashboards that read them");
  const show = (path: string) => relative(process.cwd(), path) || path;
  console.log("Metrics files (node_exporter textfile collector):");
  for (const file of await demoMetricsFiles(context)) {
    const series = (await readFile(file, "utf8")).split("\n").filter((line) => line && !line.startsWith("#")).length;
    console.log(`  ${show(file)}  (${series} series)`);
  }
  const monitoring = join(context.root, "monitoring");
  console.log(`Prometheus alert rules (rule_files), each with promtool unit tests in ${show(join(monitoring, "prometheus", "tests"))}/:`);
  for (const name of (await readdir(join(monitoring, "prometheus"))).filter((n) => n.endsWith(".rules.yml")).sort()) console.log(`  ${show(join(monitoring, "prometheus", name))}`);
  console.log(`Grafana dashboards (provisioning: ${show(join(monitoring, "grafana", "provisioning", "dashboards", "chainops.yml"))}):`);
  for (const name of (await readdir(join(monitoring, "grafana", "dashboards"))).sort()) console.log(`  ${show(join(monitoring, "grafana", "dashboards", name))}`);
  console.log("How to load them: README.md, section Monitoring. Check them: promtool check rules monitoring/prometheus/*.rules.yml");
}
