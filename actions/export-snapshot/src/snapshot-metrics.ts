import { MetricsTextfile } from "@chainops/shared/metrics";

/** What the textfile reports; undefined values are left out rather than written as 0. */
export interface MetricsSnapshot {
  network: string;
  head?: number;
  newestEnd?: number;
  nextExportableEpoch?: number;
  /** Unix ms of the last successful export (latest.json or the newest manifest). */
  lastSuccessMs?: number;
  lastDurationSeconds?: number;
  lastBytes?: number;
  failed: boolean;
  nowMs: number;
}

const P = "chainops_filecoin_snapshot";

/**
 * Writes the Prometheus textfile atomically, continuing the failure counter from the previous
 * file, for node_exporter's textfile collector (where Filcryo's Grafana Agent read its own).
 */
export async function writeSnapshotMetrics(path: string, m: MetricsSnapshot): Promise<void> {
  const file = await MetricsTextfile.continuing(path);
  const labels = { network: m.network };
  const set = (name: string, help: string, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) file.setGauge(name, help, value, labels);
  };
  set("chainops_filecoin_lotus_head_height", "Height of the Lotus node's head tipset.", m.head);
  set(`${P}_newest_end_epoch`, "End epoch of the newest published archival snapshot.", m.newestEnd);
  set(`${P}_next_exportable_epoch`, "Head epoch from which the next window can be exported.", m.nextExportableEpoch);
  set(`${P}_last_success_timestamp_seconds`, "Unix time of the last successful export.", m.lastSuccessMs === undefined ? undefined : Math.floor(m.lastSuccessMs / 1000));
  set(`${P}_seconds_since_last_success`, "Seconds since the last successful export, when this file was written.", m.lastSuccessMs === undefined ? undefined : Math.max(0, Math.round((m.nowMs - m.lastSuccessMs) / 1000)));
  set(`${P}_last_export_duration_seconds`, "Duration of the last export (Lotus export + compress + upload).", m.lastDurationSeconds);
  set(`${P}_last_export_bytes`, "Compressed size of the last exported snapshot.", m.lastBytes);
  // Always present, so alerts on increase() see a zero before the first failure.
  file.counter(`${P}_export_failures_total`, "Exports that failed.").inc(labels, m.failed ? 1 : 0);
  await file.writeAtomic(path);
}
