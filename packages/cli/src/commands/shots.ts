import type { Command } from "commander";
import { systemClock } from "@chainops/shared";
import { commandAction, jsonOption, optionValues, type CliContext, type CommandGroup, type CommandOutput } from "../command";
import { hostDeps } from "../host-deps";
import { withProgressBar } from "../progress-bar";
import { DEPRECATED_INPUTS } from "../../../../actions/publish-shots/src/deprecated-inputs";
import { addInputOptions, envSetting, slackSettings, warnDeprecatedFlags } from "../settings";

/**
 * publish-shots' inputs as flags, every one but slack-token ($SLACK_TOKEN only) and github-token
 * ($GITHUB_TOKEN only: secrets are never flags); a test checks this against the action's input names.
 */
const PUBLISH_FLAGS: Record<string, [value: string, description: string]> = {
  network: ["name", "Tezos network: mainnet, ghostnet, …"],
  "custom-network": ["bool", "allow a network name publish-shots does not know"],
  "history-mode": ["mode", "rolling or archive, as the node runs"],
  artifacts: ["list", "rolling-snapshot,tarball (default for rolling) or tarball (archive)"],
  "data-dir": ["dir", "the octez-node data directory"],
  source: ["how", "where the tarball's data comes from: copy (a quiescent copy), stop-node (stop --node-service, tar, start it again), snapshot-import (rolling: export from the live node, import into a scratch dir, tar that) or auto (default: copy if no running node holds data-dir, else snapshot-import)"],
  "node-service": ["unit", "systemd unit of the node on data-dir, for --source stop-node"],
  "octez-node": ["path", "the octez-node executable (default octez-node)"],
  "rpc-url": ["url", "RPC of the live node (default http://127.0.0.1:8732)"],
  bucket: ["url", "gs://…, s3://… or file:///…"],
  "public-url": ["url", "base of the url fields (default: the bucket's public URL)"],
  "min-interval": ["dur", "publish only if the newest is at least this old (default 6h)"],
  retention: ["policy", "e.g. 10, 30d or 10,30d (default: keep all)"],
  site: ["bool", "build the static site (default true)"],
  "site-prefix": ["folder", "where the index and site live (default: the bucket root)"],
  org: ["name", "publisher name (default chainops)"],
  "verify-import": ["bool", "import the .rolling into a scratch dir before uploading it"],
  "lease-ttl": ["dur", "how long the per network+mode lease lasts (default 12h)"],
  "finality-timeout": ["dur", "wait for 2 blocks on a data dir's head (default 5m)"],
  "work-dir": ["dir", "where the .rolling is exported, and imported for snapshot-import (default: a temp dir)"],
  "s3-endpoint": ["url", "deprecated: set AWS_ENDPOINT_URL_S3"],
  "s3-region": ["region", "deprecated: set AWS_REGION"],
  "slack-channel": ["id", "with $SLACK_TOKEN: a message per publish (default $SLACK_CHANNEL)"],
  "metrics-file": ["path", "Prometheus textfile, one per network and history mode"],
  "stale-after": ["dur", "newest-artifact age at which the shipped alert fires (default 2 × min-interval, at least 24h)"],
};

export const shotsCommand: CommandGroup = {
  name: "shots",
  summary: "Tezos snapshots: publish (rolling snapshot, tarball, indexes, site), list and fetch",
  register(group, context) {
    group.addHelpText("afterAll", "\nStore credentials come from the environment, as for `chainops store`.");
    const publish = group
      .command("publish")
      .description('export a rolling snapshot and/or tar the data dir, upload, index, point "latest" at it, build the site')
      .addOption(jsonOption());
    addInputOptions(publish, Object.keys(PUBLISH_FLAGS), PUBLISH_FLAGS, { required: ["network", "history-mode", "data-dir", "bucket"], deprecated: DEPRECATED_INPUTS });
    publish.action(commandAction(context, (_options: unknown, command: Command) => publishCommand(command, context)));

    group
      .command("fetch")
      .description("pick the newest matching artifact from a tezos-snapshots.json, check disk space, download and verify (a tarball is extracted into --dest with a fresh config.json for the network, a .rolling saved in it); a bad download leaves nothing behind")
      .requiredOption("--index-url <url>", "tezos-snapshots.json: http(s):// or file://")
      .requiredOption("--network <name>", "e.g. mainnet")
      .requiredOption("--history-mode <mode>", "rolling, full or archive")
      .requiredOption("--artifact-type <type>", "tarball or tezos-snapshot")
      .requiredOption("--dest <dir>", "tarball: the data dir to extract into (absent or empty); .rolling: where to save it")
      .option("--octez-major <n>", "prefer artifacts made by this octez major version")
      .addOption(jsonOption())
      .action(commandAction(context, (_options: unknown, command: Command) => fetchCommand(command, context)));

    group
      .command("list")
      .description("what a tezos-snapshots.json offers, newest block first: network, mode, type, block, size, octez version, url")
      .requiredOption("--index-url <url>", "tezos-snapshots.json: http(s):// or file://")
      .option("--network <name>", "only this network, e.g. mainnet")
      .option("--history-mode <mode>", "only rolling, full or archive")
      .option("--artifact-type <type>", "only tarball or tezos-snapshot")
      .addOption(jsonOption())
      .action(
        commandAction(context, async (_options: unknown, command: Command) => {
          const [{ parseListConfig }, { listSnapshots }] = await Promise.all([import("../shots-flags"), import("../shots-list")]);
          return listSnapshots(parseListConfig(optionValues(command)));
        }),
      );
  },
};

async function publishCommand(command: Command, context: CliContext): Promise<CommandOutput> {
  const values = optionValues(command);
  warnDeprecatedFlags(values, DEPRECATED_INPUTS, context);
  const { parseConfig } = await import("../../../../actions/publish-shots/src/config");
  const config = parseConfig({ ...values, ...slackSettings(values, context), "github-token": envSetting("GITHUB_TOKEN", context) });
  const [{ run }, { buildOutputs, buildReport }] = await Promise.all([import("../../../../actions/publish-shots/src/run"), import("../../../../actions/publish-shots/src/report")]);
  const deps = await hostDeps(context, config.githubToken);
  const result = await withProgressBar(context, (onProgress) => run(config, { ...deps, onProgress }));
  return { text: buildReport(result).toText(), json: { ...buildOutputs(result), published: result.published } };
}

async function fetchCommand(command: Command, context: CliContext): Promise<CommandOutput> {
  const { parseFetchConfig } = await import("../shots-flags");
  const config = parseFetchConfig(optionValues(command));
  const { fetchSnapshot } = await import("../../../../actions/publish-shots/src/fetch");
  const result = await withProgressBar(context, (onProgress) => fetchSnapshot(config, { logger: context.logger, clock: systemClock, pathEnv: context.env.PATH, onProgress }));
  return {
    text: `Verified ${result.artifact.filename} (sha256 ${result.sha256}, ${result.size} bytes) → ${result.path}\n${result.next ? `Next: ${result.next}\n` : ""}`,
    json: { artifact: result.artifact, path: result.path, sha256: result.sha256, size: result.size, config: result.config, next: result.next },
  };
}
