import { formatBytes } from "@chainops/shared/config";
import { SummaryReport, type Cell } from "@chainops/shared/summary";
import type { SnapshotManifest } from "./manifest";

export interface StatusFacts {
  network: string;
  mode: string;
  head?: number;
  expected?: number;
  syncing?: string;
  newest?: { key: string; start: number; end: number; url?: string };
  next?: string;
  outcome: string;
  exported: SnapshotManifest[];
}

/** The table every mode ends with (job summary on GitHub, plain text in the CLI). */
export function statusReport(f: StatusFacts): SummaryReport {
  const report = new SummaryReport().heading(`Filecoin snapshots: ${f.network} (${f.mode})`);
  const rows: Array<[string, Cell]> = [
    ["Lotus head", f.head === undefined ? "unknown" : f.expected === undefined ? f.head : `${f.head} (expected ${f.expected})`],
  ];
  if (f.syncing) rows.push(["Sync", f.syncing]);
  rows.push(["Newest snapshot", f.newest ? (f.newest.url ? { text: `${f.newest.start}–${f.newest.end}`, href: f.newest.url } : `${f.newest.start}–${f.newest.end}`) : "none"]);
  if (f.newest) rows.push(["Newest key", { code: f.newest.key }]);
  if (f.next) rows.push(["Next window", f.next]);
  rows.push(["Result", f.outcome]);
  report.keyValues(rows);
  if (f.exported.length) {
    report.heading("Exported", 3).table(
      ["Window", "Object", "Size", "sha256", "Export", "Upload"],
      f.exported.map((m) => [`${m.start_epoch}–${m.end_epoch}`, { text: m.key.split("/").pop()!, href: m.url }, formatBytes(m.compressed_size_bytes), { code: m.sha256 }, `${m.timings.export_seconds} s`, `${m.timings.upload_seconds} s`]),
    );
  }
  return report;
}
