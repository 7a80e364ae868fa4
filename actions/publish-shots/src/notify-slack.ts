import { SlackBlocks, type Slack } from "@chainops/shared/notify";
import type { PublishResult } from "./run";

/** One message per run that published something: what, which block, size, checksum, links. */
export async function notifySlack(slack: Slack, result: PublishResult, runUrl?: string): Promise<void> {
  if (!slack.configured || result.published.length === 0) return;
  const blocks = new SlackBlocks().header(`Tezos ${result.network} ${result.historyMode}: ${result.published.length} artifact(s) published`);
  for (const artifact of result.published) {
    blocks.section(`*${artifact.filename}*`, [
      ["Block", `${artifact.block_height} (${artifact.block_timestamp})`],
      ["Size", artifact.filesize],
      ["Octez", `${artifact.tezos_version.version.major}.${artifact.tezos_version.version.minor}`],
      ["sha256", artifact.sha256],
    ]);
  }
  blocks.links(
    ...result.published.map((artifact) => ({ text: `Download ${artifact.artifact_type}`, url: artifact.url })),
    ...(result.siteUrl ? [{ text: "Site", url: result.siteUrl }] : []),
    ...(runUrl ? [{ text: "Run", url: runUrl }] : []),
  );
  await slack.post(blocks.build());
}
