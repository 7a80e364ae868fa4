import type { Slack } from "@chainops/shared/notify";

/** Slack lines for one run: start, each phase, the result; failures as alerts. Slack is never the operation: errors are warnings inside createSlack. */
export function runNotifier(slack: Slack | undefined, command: string, network: string) {
  const post = async (text: string) => {
    if (slack?.configured) await slack.post({ text });
  };
  return {
    start: () => post(`deploy-network ${command} ${network}: started`),
    phase: (phase: string) => post(`deploy-network ${command} ${network}: ${phase}`),
    done: (summary: string) => post(`deploy-network ${command} ${network}: done. ${summary}`),
    failed: (message: string) => post(`:rotating_light: deploy-network ${command} ${network} failed: ${message}`),
  };
}
