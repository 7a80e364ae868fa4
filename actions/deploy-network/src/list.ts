import { readJson } from "@chainops/shared/storage";
import { SummaryReport } from "@chainops/shared/summary";
import type { NetworkConfig } from "./config";
import type { RunDeps, RunResult } from "./deps";

/** list: the networks in the discovery file, newest first. */
export async function listNetworks(config: NetworkConfig, deps: RunDeps): Promise<RunResult> {
  const document = await readJson<unknown>(deps.store, config.discoveryKey!);
  const entries = Array.isArray(document?.value) ? (document.value as Array<Record<string, unknown>>) : [];
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const report = new SummaryReport()
    .heading(`Networks in ${deps.store.url}/${config.discoveryKey}`)
    .table(["network", "genesis ID", "config", "JSON API", "smapp"], entries.map((e) => [text(e.netName), { code: text(e.genesisID) }, text(e.conf), text(e.jsonAPI), `${text(e.minSmappRelease)}–${text(e.latestSmappRelease)}`]));
  if (!document) report.paragraph("The discovery file does not exist yet.");
  return { status: "done", outputs: { result: "done", networks: JSON.stringify(entries) }, report, json: entries };
}
