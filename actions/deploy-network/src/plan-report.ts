import { SummaryReport } from "@chainops/shared/summary";
import type { NetworkPlan } from "./plan";

/** The plan as a human reads it: the job summary and the CLI's table. */
export function planReport(plan: NetworkPlan, title: string, report = new SummaryReport()): SummaryReport {
  report.heading(title);
  report.keyValues([
    ["network", plan.network],
    ["namespace", plan.namespace],
    ["genesis time", plan.genesis.time],
    ["genesis extra data", plan.genesis.extraData],
    ["genesis ID", { code: plan.genesis.genesisId }],
    ["cluster", `${plan.cluster.provider}: ${plan.cluster.nodeCount} × ${plan.cluster.machineType} (${plan.cluster.machineCpu} CPU, ${plan.cluster.machineMemory}); sized by ${plan.cluster.sizedBy}`],
    ["requested", `${plan.cluster.totalCpu} CPU, ${plan.cluster.totalMemory}`],
  ]);
  report.heading("Nodes", 3).table(
    ["name", "role", "image", "CPU", "memory", "placement", "ports", "PoET", "config"],
    plan.nodes.map((n) => [n.name, n.role, { code: n.image }, n.cpu, n.memory, n.placement, n.ports.join(", "), n.poet ?? "", n.config]),
  );
  if (plan.bootnodes.inCluster.length) report.heading("Bootnodes", 3).list(plan.bootnodes.inCluster.map((a) => ({ code: a })));
  if (plan.keys.length) report.heading("Keys (names only)", 3).table(["Secret", "key", "for", "kind", "action"], plan.keys.map((k) => [k.secret, k.key, k.for, k.kind, k.state]));
  if (plan.dns.length) report.heading("DNS records", 3).table(["name", "type", "content", "proxied"], plan.dns.map((r) => [r.name, r.type, r.pending ?? r.content, r.proxied ? "yes" : "no (DNS only)"]));
  if (plan.discovery) report.heading("Discovery entry", 3).keyValues(Object.entries(plan.discovery).map(([k, v]): [string, string] => [k, String(v)]));
  report.heading("Objects", 3).paragraph(`${plan.objects.length} objects: ${plan.objects.join(", ")}`);
  return report;
}
