import type { Slack } from "@chainops/shared/notify";

/** Slack lines for one run: start, each phase, the result; failures as alerts. Slack is never the operation: errors are warnings inside createSlack. Each phase renews the network lease. */
export function runNotifier(slack: Slack | undefined, command: string, network: string, renewLease?: () => Promise<void>) {
  const post = async (text: string) => {
    if (slack?.configured) await slack.post({ text });
  };
  return {
    start: () => post(`deploy-network ${command} ${network}: started`),
    /** A new phase: the lease is renewed first (a long rollout must not outlive it). */
    phase: async (phase: string) => {
      await renewLease?.();
      await post(`deploy-network ${command} ${network}: ${phase}`);
    },
    done: (summary: string) => post(`deploy-network ${command} ${network}: done. ${summary}`),
    failed: (message: string) => post(`:rotating_light: deploy-network ${command} ${network} failed: ${message}`),
  };
}
