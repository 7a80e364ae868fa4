import { formatDuration } from "@chainops/shared/config";
import { SummaryReport } from "@chainops/shared/summary";
import type { OutputValue } from "@chainops/shared/action";
import type { PublishResult } from "./run";

/** The job summary (and the CLI's closing text): what was published, where, how big, checksums, timings. */
export function buildReport(result: PublishResult): SummaryReport {
  const report = new SummaryReport().heading(`publish-shots: Tezos ${result.network} ${result.historyMode}`);
  report.table(
    ["Artifact", "Block", "Block time", "Size", "sha256", "Octez"],
    result.published.map((a) => [
      { text: a.filename, href: a.url },
      `${a.block_height} ${a.block_hash}`,
      a.block_timestamp,
      `${a.filesize} (${a.filesize_bytes} bytes)`,
      { code: a.sha256 },
      `${a.tezos_version.version.major}.${a.tezos_version.version.minor}`,
    ]),
  );
  const source = [`${result.source.kind}: ${result.source.reason}`];
  if (result.nodeDowntimeMs !== undefined) source.push(`the node was down for ${formatDuration(result.nodeDowntimeMs)}`);
  report.heading("Source", 3).list(source);
  const links = [{ text: "tezos-snapshots.json", url: result.indexUrl }, ...(result.siteUrl ? [{ text: "Site", url: result.siteUrl }] : [])];
  report.links(links.filter((l) => /^https?:/.test(l.url)));
  if (result.pointers.length) report.heading("Latest pointers", 3).table(["Name", "Points at"], result.pointers.map((p) => [p.name, { code: p.target_key }]));
  const housekeeping = [
    ...result.recovery.adopted.map((k) => `finished an interrupted publish: ${k}`),
    ...result.recovery.removed.map((k) => `removed a partial leftover: ${k}`),
    ...result.recovery.unindexed.map((k) => `dropped an index entry without object: ${k}`),
    ...result.expired.map((k) => `retention removed ${k}`),
  ];
  if (housekeeping.length) report.heading("Housekeeping", 3).list(housekeeping);
  report.heading("Timings", 3).keyValues(Object.entries(result.durations).map(([k, ms]): [string, string] => [k, formatDuration(ms)]), ["Phase", "Duration"]);
  return report;
}

/** Step outputs (action.yml lists them). The first artifact is the headline one. */
export function buildOutputs(result: PublishResult): Record<string, OutputValue> {
  const first = result.published[0];
  return {
    published: result.published.length > 0,
    "artifact-url": first?.url,
    sha256: first?.sha256,
    "block-height": first?.block_height,
    "block-hash": first?.block_hash,
    "block-timestamp": first?.block_timestamp,
    artifacts: result.published.map((a) => ({ filename: a.filename, url: a.url, sha256: a.sha256, filesize_bytes: a.filesize_bytes, artifact_type: a.artifact_type })),
    "index-url": result.indexUrl,
    "site-url": result.siteUrl,
    source: result.source.kind,
    "node-downtime-seconds": result.nodeDowntimeMs === undefined ? undefined : Math.round(result.nodeDowntimeMs / 1000),
  };
}
