import type { LotusClient, LotusPermission } from "../chains/lotus/client";
import { failureOf } from "./run-preflight";
import { fail, pass, type PreflightCheck } from "./types";

/**
 * The Lotus token carries `need` (AuthVerify on the token itself, a read method): a read-only
 * token is found here, not after the lease is taken and the export refused.
 */
export function lotusTokenCheck(options: { lotus: LotusClient; need: LotusPermission; purpose: string; input?: string }): PreflightCheck {
  const { lotus, need } = options;
  const createToken = `Create one on the node with \`lotus auth create-token --perm ${need}\` and pass it as lotus-token, or set lotus-path to a repo whose token file has ${need} rights.`;
  return {
    name: `Lotus token has ${need}`,
    input: options.input ?? lotus.tokenInput,
    run: async () => {
      let perms: string[] | undefined;
      try {
        perms = await lotus.tokenPermissions();
      } catch (error) {
        return failureOf(error);
      }
      if (perms === undefined) return fail(`no Lotus API token is set, and ${options.purpose}`, createToken);
      if (!perms.includes(need)) {
        return fail(`the token for ${lotus.node} has ${perms.length ? perms.join(", ") : "no"} permission${perms.length === 1 ? "" : "s"}, not ${need}; ${options.purpose}`, createToken);
      }
      return pass(`${perms.join(", ")} on ${lotus.node}`);
    },
  };
}

/**
 * A network name given by hand (--network, the network input) agrees with what the node says it is on (manifests, leases and
 * metrics are named after it: a typo would split one network's runs in two). Unset: the node's.
 */
export function lotusNetworkCheck(options: { configured: string | undefined; nodeNetwork: string; node: string; input?: string }): PreflightCheck {
  return {
    name: "network matches the node",
    input: options.input ?? "network",
    run: async () => {
      if (options.configured === undefined) return pass(`${options.nodeNetwork} (from ${options.node})`);
      if (options.configured === options.nodeNetwork) return pass(`${options.configured} = ${options.node}'s network`);
      return fail(
        `"${options.configured}" is not the network of ${options.node}, which is on ${options.nodeNetwork} (StateNetworkName)`,
        `Leave network unset to use the node's name (${options.nodeNetwork}), set it to ${options.nodeNetwork}, or point lotus-api/lotus-path at the ${options.configured} node.`,
        options.configured,
      );
    },
  };
}

