import { createSpacemeshGateway } from "@chainops/shared/chains/spacemesh";
import { SummaryReport } from "@chainops/shared/summary";
import type { NetworkConfig } from "./config";
import type { RunDeps, RunResult } from "./deps";
import { listNodeHosts } from "./hosts";
import { openKube } from "./prepare-plan";

export interface RewardRow {
  smesher: string;
  account: string;
  /** Smidge (1 SMH = 10^9 smidge), decimal. */
  balance: string;
  smh: string;
  managed: boolean;
  error?: string;
}

function smh(smidge: string): string {
  const value = BigInt(smidge);
  const whole = value / 1_000_000_000n;
  const fraction = (value % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * rewards: each smesher's coinbase balance through its node's JSON API (v1 or v2beta1), and any
 * extra accounts asked for; coinbases the network's configs assign are marked managed.
 */
export async function rewards(config: NetworkConfig, deps: RunDeps): Promise<RunResult> {
  const network = config.network!;
  const kube = openKube(deps);
  const hosts = await listNodeHosts(kube, network, config.nodeApiUrl!);
  const gateway = deps.gateway ?? ((url: string) => createSpacemeshGateway({ url }));
  const configMaps = await kube.list("v1", "ConfigMap", network, `spacemesh.io/network=${network}`);
  const coinbaseOf = new Map<string, string>();
  for (const cm of configMaps) {
    const match = /^(smesher-\d+)-config$/.exec(cm.metadata?.name ?? "");
    const text = cm.data?.["config.json"];
    if (!match || !text) continue;
    const coinbase = (JSON.parse(text) as { smeshing?: { "smeshing-coinbase"?: string } }).smeshing?.["smeshing-coinbase"];
    if (coinbase) coinbaseOf.set(match[1]!, coinbase);
  }
  const managed = new Set([...coinbaseOf.values(), ...(config.coinbases ?? [])]);
  const reachable = hosts.filter((h) => h.json && h.ready);
  const rows: RewardRow[] = [];
  const query = async (smesher: string, account: string, url: string | undefined) => {
    const row: RewardRow = { smesher, account, balance: "", smh: "", managed: managed.has(account) };
    try {
      if (!url) throw new Error("no reachable node to ask");
      const { balance } = await gateway(url).account(account);
      Object.assign(row, { balance, smh: smh(balance) });
    } catch (error) {
      row.error = (error as Error).message;
    }
    rows.push(row);
  };
  for (const [smesher, account] of [...coinbaseOf].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))) {
    await query(smesher, account, hosts.find((h) => h.name === smesher && h.json)?.json ?? reachable[0]?.json);
  }
  for (const account of config.accounts ?? []) await query("", account, reachable[0]?.json);
  const report = new SummaryReport()
    .heading(`deploy-network rewards ${network}`)
    .table(["smesher", "account", "balance (SMH)", "managed coinbase"], rows.map((r) => [r.smesher, { code: r.account }, r.error ? `error: ${r.error}` : r.smh, r.managed ? "yes" : "no"]));
  return { status: "done", outputs: { result: "done", network, rewards: JSON.stringify(rows) }, report, json: rows };
}
