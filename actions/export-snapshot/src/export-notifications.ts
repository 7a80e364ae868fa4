import { describeError } from "@chainops/shared";
import { formatBytes } from "@chainops/shared/config";
import { SlackBlocks, escapeMrkdwn, type Slack } from "@chainops/shared/notify";
import type { SnapshotManifest } from "./manifest";
import type { ExportWindow } from "./windows";

/** One Slack message per exported snapshot: window, size, sha256, duration, link. */
export async function announceExport(slack: Slack, m: SnapshotManifest, runUrl: string | undefined): Promise<void> {
  const blocks = new SlackBlocks()
    .header(`Filecoin ${m.network} snapshot ${m.start_epoch}–${m.end_epoch} published`)
    .fields({ Window: `${m.start_epoch}–${m.end_epoch}`, Size: formatBytes(m.compressed_size_bytes), sha256: m.sha256, Duration: `${Math.round(m.timings.total_seconds / 60)} min` })
    .links({ text: "Download", url: m.url }, ...(runUrl ? [{ text: "Run", url: runUrl }] : []));
  await slack.post(blocks.build(`Filecoin ${m.network} snapshot ${m.start_epoch}–${m.end_epoch} published (${formatBytes(m.compressed_size_bytes)})`));
}

export async function announceFailure(slack: Slack, network: string, what: string, error: unknown, runUrl: string | undefined, window?: ExportWindow): Promise<void> {
  const title = window ? `Filecoin ${network} snapshot ${window.start}–${window.end} failed` : `Filecoin ${network} snapshots: ${what} failed`;
  const blocks = new SlackBlocks().header(title).section(`\`\`\`${escapeMrkdwn(describeError(error).slice(0, 2500))}\`\`\``);
  if (runUrl) blocks.links({ text: "Run", url: runUrl });
  await slack.post(blocks.build(title));
}
