import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, systemClock } from "@chainops/shared";
import { createGrafana, createSlack } from "@chainops/shared/notify";
import { openStore, storeOptionsFromEnv } from "@chainops/shared/storage";
import { INPUTS, loadCanaryConfig } from "../../../../actions/canary/src/config";
import { CANARY_COMMANDS } from "../../../../actions/canary/src/grammar";
import { startTweetyServer } from "../../../../actions/canary/src/rpc-server";
import { canaryDeps, run } from "../../../../actions/canary/src/run";
import type { CliContext, CommandGroup } from "../command";

const USAGE = `chainops canary — Lotus canaries: leases, helm upgrades, and tweety's JSON-RPC API

Usage:
  chainops canary upgrade <release> --image-tag <tag> | --ref <sha> [--owner <name>] [--force]
  chainops canary install-snapshot <release> --image-tag <tag> [--snapshot-url <url>]
  chainops canary create <release> --image-tag <tag>
  chainops canary delete <release>
  chainops canary acquire <release> [--owner <name>]
  chainops canary release <release> [--owner <name>] [--force]
  chainops canary status
  chainops canary serve [--port 1337] [--host 127.0.0.1] [--token-file <path>]

Every command needs the lease store and the chart:
  --store <url>            gs://…, s3://… or file:///… (or CHAINOPS_CANARY_STORE)
  --chart <path|repo/chart> (or CHAINOPS_CANARY_CHART)
  --releases a,b | --release-pattern <regex>   the canaries that may be targeted (or CHAINOPS_CANARY_RELEASES)
Other options are the action's inputs as flags: --namespace, --values-files, --helm-timeout, --lease-ttl,
--image-tag-key, --snapshot-enabled-key, --snapshot-url-key, --data-label, --helm, --kubectl, --chart-version.
The owner defaults to $USER. helm and kubectl use the kubeconfig of this host.

serve answers POST / with JSON-RPC 2.0: TweetyService.Upgrade {ReleaseName, ImageTag, Owner},
.InstallSnapshot {ReleaseName, ImageTag}, .CreateCanary {ReleaseName, ImageTag}, .DeleteCanary {ReleaseName},
.Acquire {ReleaseName, Owner}, .Release {ReleaseName, Owner} (params: an array of one object, as tweety takes).
It binds 127.0.0.1 unless --host says otherwise, and then requires a bearer token (--token-file or CHAINOPS_RPC_TOKEN).

Slack/Grafana announcements: SLACK_BOT_TOKEN + SLACK_CHANNEL, GRAFANA_URL + GRAFANA_TOKEN.
Exit status: 0 ok, 1 failure, 2 usage error.`;

const inputFlags = Object.fromEntries(
  Object.values(INPUTS)
    .filter((name) => !["mode", "command", "release", "resolved-ref"].includes(name))
    .map((name) => [name, { type: name === "force" ? ("boolean" as const) : ("string" as const) }]),
);

async function canary(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...inputFlags, port: { type: "string" }, host: { type: "string" }, "token-file": { type: "string" } },
  });
  const [command, release, ...extra] = positionals;
  if (!command || extra.length) {
    context.stdout.write(`${USAGE}\n`);
    return 2;
  }
  const { env, logger } = context;
  const flags = values as Record<string, string | boolean | undefined>;
  const raw = {
    ...flags,
    store: flags.store ?? env.CHAINOPS_CANARY_STORE,
    chart: flags.chart ?? env.CHAINOPS_CANARY_CHART,
    releases: flags.releases ?? env.CHAINOPS_CANARY_RELEASES,
    owner: flags.owner ?? env.USER,
    force: flags.force === true ? "true" : undefined,
    command: command === "serve" ? undefined : command,
    release,
  };
  if (command !== "serve" && !(CANARY_COMMANDS as readonly string[]).includes(command)) {
    throw new ConfigError("command", `is not a canary command (${[...CANARY_COMMANDS, "serve"].join(", ")})`, { value: command, example: "status" });
  }
  const config = loadCanaryConfig(raw);
  const store = await openStore(config.store, storeOptionsFromEnv(env), "--store");
  const slack = createSlack({ token: env.SLACK_BOT_TOKEN, channel: env.SLACK_CHANNEL, logger });
  const grafana = createGrafana({ url: env.GRAFANA_URL, token: env.GRAFANA_TOKEN, logger, clock: systemClock });

  if (command === "serve") {
    const port = Number(flags.port ?? "1337");
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError("--port", "is not a TCP port", { value: flags.port, example: "1337" });
    const tokenFile = typeof flags["token-file"] === "string" ? flags["token-file"] : undefined;
    const token = tokenFile ? readFileSync(tokenFile, "utf8").trim() : env.CHAINOPS_RPC_TOKEN;
    if (token) logger.setSecret(token);
    const server = await startTweetyServer({
      host: typeof flags.host === "string" ? flags.host : "127.0.0.1",
      port,
      token,
      settings: config.settings,
      releases: config.releaseMatcher,
      logger,
      deps: canaryDeps(config, { store, clock: systemClock, logger, slack, grafana, env }),
    });
    logger.info(`TweetyService JSON-RPC listening on ${server.url}${token ? " (bearer token required)" : ""}`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await server.close();
    return 0;
  }

  const result = await run(config, { store, clock: systemClock, logger, slack, grafana, env });
  context.stdout.write(`${result.report.toText()}\n`);
  return 0;
}

export const canaryCommand: CommandGroup = {
  name: "canary",
  summary: "Lotus canaries: leases, helm upgrade/install-snapshot, status, tweety JSON-RPC server",
  usage: USAGE,
  run: canary,
};
