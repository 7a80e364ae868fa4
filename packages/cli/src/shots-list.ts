// `chainops shots list`: what a tezos-snapshots.json offers, newest block first, optionally filtered.
import { readIndex } from "../../../actions/publish-shots/src/fetch";
import type { BaseEntry } from "../../../actions/publish-shots/src/indexes";
import type { CommandOutput } from "./command";
import type { ListConfig } from "./shots-flags";

export async function listSnapshots(config: ListConfig): Promise<CommandOutput> {
  const entries = (await readIndex(config.indexUrl))
    .filter((e) => config.network === undefined || e.chain_name === config.network)
    .filter((e) => config.historyMode === undefined || e.history_mode === config.historyMode)
    .filter((e) => config.artifactType === undefined || e.artifact_type === config.artifactType)
    .sort((a, b) => Number(b.block_height) - Number(a.block_height));
  return { text: table(entries), json: entries };
}

function table(entries: BaseEntry[]): string {
  if (!entries.length) return "No matching artifacts in the index.\n";
  const rows = [
    ["network", "mode", "type", "block", "block time", "size", "octez", "url"],
    ...entries.map((e) => [
      String(e.chain_name),
      String(e.history_mode),
      String(e.artifact_type),
      String(e.block_height),
      String(e.block_timestamp),
      String(e.filesize),
      e.tezos_version?.version ? `${e.tezos_version.version.major}.${e.tezos_version.version.minor}` : "-",
      String(e.url),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")).join("\n") + "\n";
}
