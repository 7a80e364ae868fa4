import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import Cloudflare from "cloudflare";
import { ConfigError, type Clock, type Logger } from "@chainops/shared";
import { createSlack } from "@chainops/shared/notify";
import { openStore, storeOptionsFromEnv, type ObjectStore } from "@chainops/shared/storage";
import { INPUTS, type NetworkConfig } from "./config";
import type { RunDeps } from "./deps";
import { gkeClusters } from "./gke-cluster";
import { kubeFromKubeconfig } from "./kube-client";

export interface AdapterSettings {
  config: NetworkConfig;
  logger: Logger;
  clock: Clock;
  /** The adapter's environment (KUBECONFIG, storage credentials, GOOGLE_APPLICATION_CREDENTIALS). */
  env: NodeJS.ProcessEnv;
  slackToken?: string;
  slackChannel?: string;
  cloudflareToken?: string;
  runId?: string;
}

/** The kubeconfig input, else $KUBECONFIG, else ~/.kube/config when it exists. */
export function kubeconfigPath(config: NetworkConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (config.kubeconfig) return config.kubeconfig.replace(/^~(?=\/)/, homedir());
  if (env.KUBECONFIG) return env.KUBECONFIG.split(":")[0];
  const home = join(homedir(), ".kube", "config");
  return existsSync(home) ? home : undefined;
}

/** The clients both adapters (the action and the CLI) hand to run(). */
export async function adapterDeps(settings: AdapterSettings): Promise<RunDeps> {
  const { config, logger, clock, env } = settings;
  const store = config.store ? await openStore(config.store, storeOptionsFromEnv(env), INPUTS.store) : noStore(config.command);
  const kubeconfig = kubeconfigPath(config, env);
  const token = settings.cloudflareToken?.trim();
  if (token) logger.setSecret(token);
  let gke: RunDeps["gke"];
  if (config.cluster === "gke") {
    const { ClusterManagerClient } = await import("@google-cloud/container/build/src/v1/index.js");
    gke = gkeClusters(new ClusterManagerClient({ fallback: true }), { clock, logger });
  }
  return {
    store,
    clock,
    logger,
    kube: kubeconfig || config.kubeconfig ? () => kubeFromKubeconfig(kubeconfig, { clock }) : undefined,
    cloudflare: token ? new Cloudflare({ apiToken: token, baseURL: env.CHAINOPS_CLOUDFLARE_API_URL || undefined }) : undefined,
    gke,
    slack: createSlack({ token: settings.slackToken, channel: settings.slackChannel, logger }),
    runId: settings.runId,
    env,
  };
}

/** hosts and rewards read no bucket; a call would be a bug, said plainly. */
function noStore(command: string): ObjectStore {
  return new Proxy({} as ObjectStore, {
    get: (_target, property) => {
      if (property === "then") return undefined;
      throw new ConfigError(INPUTS.store, `is not an input of ${command}, yet the bucket was used (${String(property)})`, { hint: "This is a bug in deploy-network; please report it." });
    },
  });
}
