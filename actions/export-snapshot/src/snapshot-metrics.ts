import { MetricsTextfile, type Gauge } from "@chainops/shared/metrics";
import type { BucketView } from "./bucket-view";
import { nextWindowStart, windowAt, type WindowSettings } from "./windows";

/** What the run saw of the node and how it ended; the rest comes from the bucket. */
export interface MetricsSnapshot {
  network: string;
  head?: number;
  /** Where the clock says the head should be. */
  expected?: number;
  failed: boolean;
  nowMs: number;
}

export const METRICS_COMPAT = ["filcryo"] as const;
export type MetricsCompat = (typeof METRICS_COMPAT)[number];

export interface MetricsOptions extends WindowSettings {
  startEpoch?: number;
  /** Also write Filcryo's names (metrics-compat: filcryo). */
  compat?: MetricsCompat;
}

const P = "chainops_export_snapshot";

/**
 * Writes the Prometheus textfile atomically, continuing the failure counter from the previous
 * file, for node_exporter's textfile collector (where Filcryo's Grafana Agent read its own).
 * Values that are not known (no manifest, node down) are left out rather than written as 0; a run
 * that did not read the bucket (wait-sync, or a read that failed) keeps what the last run saw there.
 */
export async function writeSnapshotMetrics(path: string, m: MetricsSnapshot, bucket: BucketView | undefined, options: MetricsOptions): Promise<void> {
  const file = await MetricsTextfile.continuing(path, "export-snapshot");
  const labels = { network: m.network };
  const carry = bucket === undefined;
  const gauge = (name: string, help: string, value: number | undefined, fromBucket = false): Gauge => {
    const g = file.gauge(`${P}_${name}`, help, { carry: fromBucket && carry });
    if (value !== undefined && Number.isFinite(value)) g.set(value, labels);
    return g;
  };

  const newest = bucket?.newest;
  const timings = newest?.manifest?.timings;
  let lastSuccessMs = newest?.manifest ? Date.parse(newest.manifest.created_at) : undefined;
  if (bucket?.latest?.updated_at) lastSuccessMs = Math.max(lastSuccessMs ?? 0, Date.parse(bucket.latest.updated_at));
  const nextStart = nextWindowStart(newest?.start, options.range, options.startEpoch);

  gauge("last_run_timestamp_seconds", "Unix time this file was written (every run writes it, whatever the outcome).", Math.floor(m.nowMs / 1000));
  gauge("window_epochs", "Epochs per snapshot window (input range).", options.range);
  const head = gauge("lotus_head_epoch", "Height of the Lotus node's head tipset when the run looked.", m.head);
  gauge("lotus_expected_epoch", "Epoch the chain should be at by the clock (genesis + elapsed time / block delay), when the run looked.", m.expected);
  gauge("newest_end_epoch", "End epoch of the newest published archival snapshot.", newest?.end, true);
  const nextWindow = gauge("next_window_start_epoch", "Start epoch of the next window to export (the newest snapshot's start + range).", newest ? nextStart : undefined, true);
  gauge("next_exportable_epoch", "Head epoch from which the next window can be exported.", nextStart === undefined ? undefined : windowAt(nextStart, options).readyAt, true);
  gauge("latest_pointer_end_epoch", "End epoch of the snapshot latest.json points at.", bucket?.latest ? Number(bucket.latest.end_epoch) : undefined, true);
  const lastSuccess = gauge("last_success_timestamp_seconds", "Unix time of the last successful export (the newest manifest or latest.json).", lastSuccessMs === undefined ? undefined : Math.floor(lastSuccessMs / 1000), true);
  const lastSuccessSeconds = lastSuccess.get(labels);
  gauge("last_success_age_seconds", "Seconds from the last successful export to when this file was written.", lastSuccessSeconds === undefined ? undefined : Math.max(0, Math.round(m.nowMs / 1000 - lastSuccessSeconds)));
  gauge("last_export_duration_seconds", "Duration of the newest snapshot's export, all steps (Lotus export, then compress and upload).", timings?.total_seconds, true);
  const lotusExport = gauge("last_lotus_export_duration_seconds", "Duration of the newest snapshot's Lotus export step (ChainExportRangeInternal).", timings?.export_seconds, true);
  const upload = gauge("last_upload_duration_seconds", "Duration of the newest snapshot's compress and upload step (one streaming pass: zstd, sha256, upload).", timings?.upload_seconds, true);
  const compressed = gauge("last_export_bytes", "Compressed size of the newest snapshot in the bucket.", newest?.size, true);
  const uncompressed = gauge("last_export_uncompressed_bytes", "Size of the newest snapshot's CAR before compression.", newest?.manifest?.uncompressed_size_bytes, true);
  // Always present, so alerts on increase() see a zero before the first failure.
  file.counter(`${P}_export_failures_total`, "Exports that failed.").inc(labels, m.failed ? 1 : 0);

  if (options.compat === "filcryo") {
    // Filcryo's names and meanings (its entrypoint.sh metrics loop), typed gauge as they are;
    // each is the value of its chainops counterpart.
    const filcryo = (name: string, ours: Gauge, oursName: string, help: string) => {
      const value = ours.get(labels);
      if (value !== undefined) file.compatGauge(`filcryo_${name}`, `${help} Filcryo's name for ${P}_${oursName}.`).set(value, labels);
    };
    filcryo("height", head, "lotus_head_epoch", "Lotus head epoch.");
    filcryo("latest_snapshot_epoch", nextWindow, "next_window_start_epoch", "The newest snapshot's start epoch + range, where the next snapshot starts.");
    filcryo("last_uploaded_snapshot_size", compressed, "last_export_bytes", "Compressed size in bytes of the newest snapshot in the bucket.");
    filcryo("export_duration", lotusExport, "last_lotus_export_duration_seconds", "Seconds the newest snapshot's Lotus export took.");
    filcryo("exported_snapshot_size", uncompressed, "last_export_uncompressed_bytes", "Size in bytes of the newest snapshot's CAR before compression.");
    filcryo("compress_duration", upload, "last_upload_duration_seconds", "Seconds the newest snapshot's compression took (chainops compresses while uploading: the same pass as filcryo_upload_duration).");
    filcryo("upload_duration", upload, "last_upload_duration_seconds", "Seconds the newest snapshot's upload took (the same compress-and-upload pass as filcryo_compress_duration).");
  }
  await file.writeAtomic(path);
}
