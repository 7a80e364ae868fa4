import type { Command } from "commander";
import type { Mode } from "../../../../actions/export-snapshot/src/config";
import { commandAction, jsonOption, optionValues, type CliContext, type CommandGroup, type CommandOutput } from "../command";
import { hostDeps } from "../host-deps";
import { withProgressBar } from "../progress-bar";
import { addInputOptions, envSetting, slackSettings } from "../settings";

const SUBCOMMANDS: Array<{ mode: Mode; summary: string }> = [
  { mode: "export", summary: "export every ready 2880-epoch window (up to --max-exports): zstd, sha256, upload, manifest, latest.json" },
  { mode: "status", summary: "head, sync state, newest snapshot, next window and its ETA" },
  { mode: "wait-sync", summary: "wait until the node is in sync (or --sync-timeout)" },
  { mode: "restore", summary: "import the newest snapshot into a repo without a chain (needs --bucket and --lotus-path)" },
];

/**
 * The action's inputs as flags, every one but mode (the subcommand), slack-token ($SLACK_TOKEN
 * only) and github-token ($GITHUB_TOKEN only: secrets are never flags); a test checks this against the
 * action's input names.
 */
const FLAG_HELP: Record<string, [value: string, description: string]> = {
  "lotus-api": ["addr", "URL, multiaddr or FULLNODE_API_INFO (default $FULLNODE_API_INFO)"],
  "lotus-token": ["token", "API token (default $LOTUS_TOKEN, else the repo's token file)"],
  "lotus-path": ["dir", "node repo (default $LOTUS_PATH); its api and token files are used"],
  bucket: ["url", "gs://bucket[/prefix], s3://bucket[/prefix] or file:///path"],
  network: ["name", "default: what the node says (StateNetworkName); a name given must match it"],
  range: ["epochs", "window size (default 2880)"],
  finality: ["epochs", "epochs behind the head before a window is final (default 900)"],
  margin: ["epochs", "extra epochs to wait on top of finality (default 15)"],
  prefix: ["folder", "bucket folder (default historical-exports)"],
  "start-epoch": ["n", "first window on an empty bucket"],
  "max-exports": ["n", "windows to export in one run (default 1)"],
  compression: ["c", "zstd:fast | zstd:<1-19>[,threads=<n>] (default zstd:fast)"],
  "export-dir": ["dir", "where Lotus writes CARs (default: --lotus-path)"],
  "metrics-file": ["path", "Prometheus textfile to write"],
  "metrics-compat": ["filcryo", "also write Filcryo's metric names (filcryo_height, …) to --metrics-file"],
  "slack-channel": ["id", "with $SLACK_TOKEN: one message per export and failure (default $SLACK_CHANNEL)"],
  "sync-timeout": ["dur", "how long to wait for sync (default 45m)"],
  "sync-tolerance": ["n", "epochs behind the network still counted as synced (default 5)"],
  "export-timeout": ["dur", "give up on one Lotus export after this (default 4h)"],
  "lease-ttl": ["dur", "how long the export lease lasts (default 30m)"],
  workers: ["n", "Lotus export workers (default 50)"],
  "write-buffer": ["n", "Lotus export write buffer (default 5000000)"],
  "lotus-bin": ["path", "the lotus executable (default lotus)"],
  "daemon-service": ["unit", "systemd unit to start after restore"],
  "allow-unverified-restore": ["bool", "true: restore a snapshot without a manifest (the archive before chainops: no sha256 to verify)"],
};

export const filecoinCommand: CommandGroup = {
  name: "filecoin",
  summary: "Filecoin archival snapshots: export, status, wait-sync, restore",
  register(group, context) {
    group.addHelpText("afterAll", "\nStore credentials come from the environment, as for `chainops store`.");
    for (const { mode, summary } of SUBCOMMANDS) {
      const command = group.command(mode).description(summary).addOption(jsonOption());
      addInputOptions(command, Object.keys(FLAG_HELP), FLAG_HELP);
      command.action(commandAction(context, (_options: unknown, cmd: Command) => filecoin(mode, cmd, context)));
    }
  },
};

async function filecoin(mode: Mode, command: Command, context: CliContext): Promise<CommandOutput> {
  const values = optionValues(command);
  const { env } = context;
  const { parseConfig } = await import("../../../../actions/export-snapshot/src/config");
  const config = parseConfig({
    ...values,
    mode,
    "lotus-path": values["lotus-path"] ?? env.LOTUS_PATH,
    "lotus-api": values["lotus-api"] ?? env.FULLNODE_API_INFO,
    "lotus-token": values["lotus-token"] ?? env.LOTUS_TOKEN,
    ...slackSettings(values, context),
    "github-token": envSetting("GITHUB_TOKEN", context),
  });
  const { run } = await import("../../../../actions/export-snapshot/src/run");
  const deps = await hostDeps(context, config.githubToken);
  const result = await withProgressBar(context, (onProgress) => run(config, { ...deps, onProgress }));
  const { summary, ...json } = result;
  return { text: summary.toText(), json };
}
