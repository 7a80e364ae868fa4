import type { Command } from "commander";
import { commandAction, jsonOption, optionValues, type CliContext, type CommandGroup, type CommandOutput } from "../command";
import { hostDeps } from "../host-deps";
import { addInputOptions, slackSettings } from "../settings";
import { COMMANDS, INPUTS, OPERATION_FIELDS } from "../../../../actions/deploy-network/src/config";

/** What each `chainops network` command does (the action's `command` input). */
const SUMMARIES: Record<(typeof COMMANDS)[number], string> = {
  plan: "show everything create would do (objects, configs, keys by name, DNS, discovery entry); changes nothing",
  create: "plan, then apply bootnodes → PoETs → smeshers, publish the config, DNS and the discovery entry",
  "add-miner": "add one smesher (--miner-number, default the next free)",
  "delete-miner": "remove one smesher (--miner-number)",
  upgrade: "roll a new image/config one node at a time; stops at the first that does not become Ready",
  delete: "delete the network's namespaces, DNS records and discovery entry (--keep-logs-metrics)",
  "deploy-ws": "render the web services' Helm charts, apply them, then write the discovery entry",
  rewards: "each smesher's coinbase balance, managed coinbases marked",
  hosts: "every node's gRPC and JSON endpoints",
  list: "the networks in the discovery file",
  watch: "check every node (sync, layers, restarts), alert on Slack, write a Prometheus textfile",
};

const FLAG_HELP: Record<string, [string, string]> = {
  network: ["name", "the network (a DNS label)"],
  store: ["url", "gs://…, s3://… or file:///…: configs, discovery file, lease, watch state"],
  kubeconfig: ["path", "the cluster's kubeconfig (default $KUBECONFIG, then ~/.kube/config)"],
  bootstrap: ["bool", "a new network with its own bootnodes (default true)"],
  "private-network": ["bool", "p2p-private-network (default true)"],
  "keep-logs-metrics": ["bool", "delete: keep the logs and metrics namespaces"],
};

/** The inputs each command takes, as flags (secrets come from the environment: SLACK_TOKEN, CLOUDFLARE_API_TOKEN). */
export function networkFlags(command: (typeof COMMANDS)[number]): string[] {
  const names = OPERATION_FIELDS[command].map((field) => INPUTS[field as keyof typeof INPUTS]);
  return [...names, ...(["list", "hosts", "rewards"].includes(command) ? [] : ["slack-channel"])];
}

export const networkCommand: CommandGroup = {
  name: "network",
  summary: "Spacemesh test networks on Kubernetes: plan, create, upgrade, miners, web services, rewards, hosts, list, watch",
  register(group, context) {
    group.addHelpText("afterAll", "\nSecrets come from the environment: SLACK_TOKEN (+ --slack-channel or SLACK_CHANNEL), CLOUDFLARE_API_TOKEN.\nStore credentials as for `chainops store`; cluster: gke uses GOOGLE_APPLICATION_CREDENTIALS.");
    for (const name of COMMANDS) {
      const command = group.command(name).description(SUMMARIES[name]).addOption(jsonOption());
      const required = name === "list" ? ["store"] : ["network"];
      addInputOptions(command, networkFlags(name), FLAG_HELP, required);
      command.action(commandAction(context, (_options: unknown, cmd: Command) => runNetworkCommand(name, cmd, context)));
    }
  },
};

async function runNetworkCommand(command: string, cmd: Command, context: CliContext): Promise<CommandOutput> {
  const values = optionValues(cmd);
  const [{ loadNetworkConfig }, { run }, { adapterDeps }] = await Promise.all([
    import("../../../../actions/deploy-network/src/config"),
    import("../../../../actions/deploy-network/src/run"),
    import("../../../../actions/deploy-network/src/adapter-clients"),
  ]);
  const config = loadNetworkConfig({ ...values, command });
  const host = await hostDeps(context);
  const slack = slackSettings(values, context);
  const deps = await adapterDeps({ config, logger: context.logger, clock: host.clock, env: context.env, slackToken: slack["slack-token"], slackChannel: slack["slack-channel"], cloudflareToken: context.env.CLOUDFLARE_API_TOKEN, runId: host.runId });
  const result = await run(config, deps);
  return { text: result.report.toText(), json: result.json };
}
