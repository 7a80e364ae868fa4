import type { Clock, Logger } from "@chainops/shared";

/** The parts of the shared Slack/Grafana clients (@chainops/shared/notify) a deploy announcement uses. */
export interface SlackPoster {
  configured: boolean;
  post(message: { text: string }): Promise<unknown>;
}
export interface GrafanaAnnotator {
  configured: boolean;
  annotate(annotation: { text: string; tags: string[]; time?: number }): Promise<unknown>;
}

export interface DeployAnnouncement {
  command: string;
  release: string;
  ok: boolean;
  owner?: string;
  ref?: string;
  imageTag?: string;
  prUrl?: string;
  runUrl?: string;
  error?: string;
}

/**
 * A Grafana annotation (tags lotusbot, release, command, and failed when it failed; time now) and a
 * Slack message for every deploying command, so a graph jump can be tied to a deploy. Notification trouble is a warning:
 * the deploy already happened.
 */
export async function announceDeploy(
  announcement: DeployAnnouncement,
  deps: { slack?: SlackPoster; grafana?: GrafanaAnnotator; clock: Clock; logger: Logger },
): Promise<void> {
  const { command, release, ok } = announcement;
  const parts = [
    `lotusbot ${command} ${release} ${ok ? "succeeded" : "FAILED"}`,
    announcement.owner ? `by ${announcement.owner}` : "",
    announcement.ref ? `ref ${announcement.ref}` : "",
    announcement.imageTag ? `image tag ${announcement.imageTag}` : "",
    announcement.prUrl ? `PR ${announcement.prUrl}` : "",
    announcement.runUrl ? `run ${announcement.runUrl}` : "",
    announcement.error ? `error: ${announcement.error}` : "",
  ].filter(Boolean);
  const text = parts.join(" · ");
  // A failed deploy is annotated too: a rolled-back --atomic upgrade can still move the graphs.
  if (deps.grafana?.configured) {
    await deps.grafana
      .annotate({ text, tags: ["lotusbot", release, command, ...(ok ? [] : ["failed"])], time: deps.clock.now() })
      .catch((error: Error) => deps.logger.warning(`Grafana annotation failed: ${error.message}`));
  }
  if (deps.slack?.configured) {
    await deps.slack.post({ text }).catch((error: Error) => deps.logger.warning(`Slack message failed: ${error.message}`));
  }
}
