import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { ConfigError, systemClock } from "@chainops/shared";
import { commandAction, jsonOption, optionValues, type CliContext, type CommandGroup, type CommandOutput } from "../command";
import { addInputOptions, envSetting, slackSettings } from "../settings";

/**
 * The action's inputs every canary command takes (the lease store, the chart, the canaries, helm);
 * a test checks these and the per-command ones against the action's input names.
 */
const COMMON_FLAGS: Record<string, [value: string, description: string]> = {
  store: ["url", "lease store: gs://…, s3://… or file:///… (default $CHAINOPS_CANARY_STORE)"],
  chart: ["path|repo/chart", "the Lotus chart (default $CHAINOPS_CANARY_CHART)"],
  "chart-version": ["version", "chart version for a repo chart"],
  releases: ["a,b", "the canaries that may be targeted (default $CHAINOPS_CANARY_RELEASES)"],
  "release-pattern": ["regex", "or: a pattern the canary names match"],
  "lease-prefix": ["folder", "store folder of the lease documents"],
  "lease-ttl": ["dur", "how long a lease lasts (default 24h)"],
  namespace: ["ns", "Kubernetes namespace (default lotus)"],
  "values-files": ["a,b", "helm values files"],
  "helm-timeout": ["dur", "helm --timeout (default 30m)"],
  "image-tag-template": ["template", "image tag for a ref, e.g. {sha}"],
  "image-tag-key": ["key", "helm value of the image tag (default image.tag)"],
  "snapshot-enabled-key": ["key", "helm value that turns on the snapshot import (default importSnapshot.enabled)"],
  "snapshot-url-key": ["key", "helm value of the snapshot URL (default importSnapshot.url)"],
  "snapshot-url": ["url", "chain snapshot for install-snapshot"],
  "data-label": ["label", "label that selects the release's volumes (default release)"],
  helm: ["path", "the helm executable (default helm)"],
  kubectl: ["path", "the kubectl executable (default kubectl)"],
};
const COMMON = Object.keys(COMMON_FLAGS);

const DEPLOY_FLAGS: Record<string, [value: string, description: string]> = {
  "image-tag": ["tag", "the image to deploy"],
  ref: ["sha|tag", "or: the commit or tag to build the image tag from (--image-tag-template)"],
  owner: ["name", "who holds the lease (default $USER)"],
};
const LEASE_FLAGS: Record<string, [value: string, description: string]> = {
  owner: ["name", "who holds the lease (default $USER)"],
};

const SUBCOMMANDS: Array<{ name: string; summary: string; release: boolean; flags: Record<string, [string, string]>; force: boolean }> = [
  { name: "upgrade", summary: "helm upgrade the release to --image-tag (or the image of --ref), keeping the data dir", release: true, flags: DEPLOY_FLAGS, force: true },
  { name: "install-snapshot", summary: "the same, but wipe the data dir and start from a chain snapshot", release: true, flags: DEPLOY_FLAGS, force: true },
  { name: "create", summary: "install a new canary release", release: true, flags: DEPLOY_FLAGS, force: true },
  { name: "delete", summary: "uninstall a canary release and delete its volumes", release: true, flags: LEASE_FLAGS, force: true },
  { name: "acquire", summary: "lease a canary (24 h unless --lease-ttl says otherwise)", release: true, flags: LEASE_FLAGS, force: true },
  { name: "release", summary: "give the lease back", release: true, flags: LEASE_FLAGS, force: true },
  { name: "status", summary: "table of canaries: busy/free, owner, since, ref, PR, lease expiry", release: false, flags: {}, force: false },
];

const SERVE_HELP = `
serve answers POST / with JSON-RPC 2.0: TweetyService.Upgrade {ReleaseName, ImageTag, Owner},
.InstallSnapshot {ReleaseName, ImageTag}, .CreateCanary {ReleaseName, ImageTag}, .DeleteCanary {ReleaseName},
.Acquire {ReleaseName, Owner}, .Release {ReleaseName, Owner} (params: an array of one object, as tweety takes).
It binds 127.0.0.1 unless --host says otherwise, and then requires a bearer token (--token-file or CHAINOPS_RPC_TOKEN).`;

const NOTIFY_HELP = `
helm and kubectl use the kubeconfig of this host.
Slack/Grafana announcements: SLACK_TOKEN + --slack-channel (or SLACK_CHANNEL), GRAFANA_TOKEN + --grafana-url
(or GRAFANA_URL). SLACK_BOT_TOKEN is still read, with a warning: it is SLACK_TOKEN now, as everywhere.`;

export const canaryCommand: CommandGroup = {
  name: "canary",
  summary: "Lotus canaries: leases, helm upgrade/install-snapshot, status, tweety JSON-RPC server",
  register(group, context) {
    group.addHelpText("afterAll", NOTIFY_HELP);
    for (const spec of SUBCOMMANDS) {
      const command = group.command(spec.name).description(spec.summary).addOption(jsonOption());
      if (spec.release) command.argument("<release>", "the canary, e.g. lotus-0");
      addInputOptions(command, Object.keys(spec.flags), spec.flags);
      if (spec.force) command.option("--force", "act even when someone else holds the lease");
      addCanaryOptions(command);
      command.action(
        commandAction(context, (...args: unknown[]) => {
          const cmd = args.at(-1) as Command;
          return canary(spec.name, spec.release ? (args[0] as string) : undefined, cmd, context);
        }),
      );
    }
    const serve = group
      .command("serve")
      .description("answer tweety's TweetyService JSON-RPC API on --port until SIGINT/SIGTERM")
      .option("--port <port>", "TCP port (default 1337)", "1337")
      .option("--host <addr>", "address to bind (default 127.0.0.1)", "127.0.0.1")
      .option("--token-file <path>", "bearer token callers must send (default $CHAINOPS_RPC_TOKEN)")
      .addHelpText("after", SERVE_HELP);
    addCanaryOptions(serve);
    serve.action(commandAction(context, (_options: unknown, cmd: Command) => serveCommand(cmd, context)));
  },
};

function addCanaryOptions(command: Command): void {
  addInputOptions(command, COMMON, COMMON_FLAGS);
  command.option("--slack-channel <id>", "with $SLACK_TOKEN: announce every deploying command (default $SLACK_CHANNEL)");
  command.option("--grafana-url <url>", "with $GRAFANA_TOKEN: annotate every deploying command (default $GRAFANA_URL)");
}

/** The action's raw inputs from the flags and the environment. */
function canaryInputs(command: Command, context: CliContext, extra: Record<string, string | undefined>): Record<string, string | undefined> {
  const { env } = context;
  const values = optionValues(command);
  return {
    ...values,
    store: values.store ?? env.CHAINOPS_CANARY_STORE,
    chart: values.chart ?? env.CHAINOPS_CANARY_CHART,
    releases: values.releases ?? env.CHAINOPS_CANARY_RELEASES,
    ...extra,
  };
}

async function notifiers(command: Command, context: CliContext) {
  const { logger } = context;
  const { createGrafana, createSlack } = await import("@chainops/shared/notify");
  const values = optionValues(command);
  const slack = slackSettings(values, context);
  return {
    slack: createSlack({ token: slack["slack-token"], channel: slack["slack-channel"], logger }),
    grafana: createGrafana({ url: values["grafana-url"] ?? envSetting("GRAFANA_URL", context), token: envSetting("GRAFANA_TOKEN", context), logger, clock: systemClock }),
  };
}

async function canary(name: string, release: string | undefined, command: Command, context: CliContext): Promise<CommandOutput> {
  const { env, logger } = context;
  const values = optionValues(command);
  const owner = values.owner ?? (env.USER || undefined);
  // Without an owner a deploy would run on a free canary with no lease to keep others off it.
  if (name !== "status" && owner === undefined) {
    throw new ConfigError("--owner", `is not set and $USER is empty, so ${name} would have no lease holder`, {
      example: `chainops canary ${name} ${release ?? "lotus-0"} --owner anton`,
      hint: "Pass --owner <name> (who holds the canary's lease), or run it from a login shell where $USER is set.",
    });
  }
  const { loadCanaryConfig } = await import("../../../../actions/canary/src/config");
  const config = loadCanaryConfig(canaryInputs(command, context, { command: name, release, owner }));
  const [{ openStore, storeOptionsFromEnv }, { run }] = await Promise.all([import("@chainops/shared/storage"), import("../../../../actions/canary/src/run")]);
  const store = await openStore(config.store, storeOptionsFromEnv(env), "--store");
  const result = await run(config, { store, clock: systemClock, logger, env, ...(await notifiers(command, context)) });
  return { text: result.report.toText(), json: { status: result.status, ...result.outputs, ...(result.leases ? { leases: result.leases } : {}) } };
}

async function serveCommand(command: Command, context: CliContext): Promise<void> {
  const { env, logger } = context;
  const values = optionValues(command);
  const { loadCanaryConfig } = await import("../../../../actions/canary/src/config");
  const config = loadCanaryConfig(canaryInputs(command, context, {}));
  const [{ openStore, storeOptionsFromEnv }, { canaryDeps }, { startTweetyServer }] = await Promise.all([
    import("@chainops/shared/storage"),
    import("../../../../actions/canary/src/run"),
    import("../../../../actions/canary/src/rpc-server"),
  ]);
  const store = await openStore(config.store, storeOptionsFromEnv(env), "--store");
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port ?? "") || port > 65535) throw new ConfigError("--port", "is not a TCP port", { value: values.port, example: "1337" });
  const tokenFile = values["token-file"];
  const token = tokenFile ? readFileSync(tokenFile, "utf8").trim() : env.CHAINOPS_RPC_TOKEN;
  if (token) logger.setSecret(token);
  const server = await startTweetyServer({
    host: values.host ?? "127.0.0.1",
    port,
    token,
    settings: config.settings,
    releases: config.releaseMatcher,
    logger,
    deps: canaryDeps(config, { store, clock: systemClock, logger, env, ...(await notifiers(command, context)) }),
  });
  logger.info(`TweetyService JSON-RPC listening on ${server.url}${token ? " (bearer token required)" : ""}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
}
