import { describeError } from "../core/errors";
import type { Logger } from "../core/logger";
import { checkPermission, type PermissionLevel } from "./check-permission";
import { filterCommentEvent, type CommentCommandEvent } from "./filter-comment-event";
import { formatUsage, parseCommand, type Grammar, type ParsedCommand } from "./parse-command";
import { postReply } from "./post-reply";
import { REACTIONS, reactToComment } from "./react-to-comment";
import { resolvePullRequest, type PullRequestHead } from "./resolve-pull-request";
import type { GitHubApi } from "./types";

export interface CommentCommandContext {
  event: CommentCommandEvent;
  command: ParsedCommand;
  /** The commenter's repository role (already at least the required one). */
  permission: PermissionLevel;
  /** Resolved once before the handler runs. */
  pullRequest: PullRequestHead;
}

export interface CommandOutcome<R> {
  ok: boolean;
  /** Markdown for the reply comment (the run link is appended). */
  message: string;
  result?: R;
}

export interface HandleCommentCommandOptions<R> {
  api: GitHubApi;
  eventName: string;
  payload: unknown;
  grammar: Grammar;
  /** Minimum repository role to run any command (default "write"). */
  requiredPermission?: PermissionLevel;
  /** Commands on pull requests from forks are refused unless this is true. */
  allowForks?: boolean;
  /** Link to this workflow run, added to every reply. */
  runUrl?: string;
  logger: Logger;
  /** Runs the command. Returning null means "checks passed, nothing to do here" (e.g. a parse-only job): no final reaction or reply. */
  handler(context: CommentCommandContext): Promise<CommandOutcome<R> | null>;
}

export type CommentCommandResult<R> =
  | { status: "ignored"; reason: string }
  | { status: "refused" | "usage"; reason: string; event: CommentCommandEvent; replyUrl: string }
  | { status: "accepted"; event: CommentCommandEvent; command: ParsedCommand; pullRequest: PullRequestHead }
  | { status: "done"; ok: boolean; event: CommentCommandEvent; command: ParsedCommand; outcome: CommandOutcome<R>; replyUrl: string };

/** Appends the run link under a reply. */
export function withRunLink(message: string, runUrl: string | undefined): string {
  return runUrl ? `${message}\n\n<sub>[workflow run](${runUrl})</sub>` : message;
}

/**
 * The whole ChatOps round trip, in the order that keeps it safe: filter the event, 👀 at once,
 * check the commenter's permission from the API, parse with the strict grammar, resolve the PR
 * head once (refusing forks), then run the handler and answer 🚀 or 👎 with a reply.
 * Nothing reaches the handler unless every check passed.
 */
export async function handleCommentCommand<R>(options: HandleCommentCommandOptions<R>): Promise<CommentCommandResult<R>> {
  const { api, grammar, logger } = options;
  const filtered = filterCommentEvent(options.eventName, options.payload, { commandWord: grammar.word });
  if (!filtered.handle) {
    logger.info(`Ignored: ${filtered.reason}`);
    return { status: "ignored", reason: filtered.reason };
  }
  const { event } = filtered;
  const { repo } = event;
  const reply = (message: string) => postReply(api, repo, event.issueNumber, withRunLink(message, options.runUrl));
  const refuse = async (status: "refused" | "usage", reason: string, message: string): Promise<CommentCommandResult<R>> => {
    logger.notice(`${grammar.word} from ${event.actor} ${status === "usage" ? "not understood" : "refused"}: ${reason}`);
    await reactToComment(api, repo, event.commentId, REACTIONS.failure, logger);
    const { url } = await reply(message);
    return { status, reason, event, replyUrl: url };
  };

  await reactToComment(api, repo, event.commentId, REACTIONS.seen, logger);

  const required = options.requiredPermission ?? "write";
  const permission = await checkPermission(api, repo, event.actor, required);
  if (!permission.allowed) {
    const reason = `${event.actor} has ${permission.level} permission, ${required} or higher is required`;
    return refuse("refused", reason, `@${event.actor} ${grammar.word} needs **${required}** permission on ${repo.owner}/${repo.repo} (you have ${permission.level}). Nothing was run.`);
  }

  const parsed = parseCommand(grammar, event.body);
  if (!parsed.ok) {
    return refuse("usage", parsed.reason, `@${event.actor} I could not run that: ${parsed.reason}. Nothing was run.\n\n${formatUsage(grammar)}`);
  }

  const pullRequest = await resolvePullRequest(api, repo, event.issueNumber);
  if (pullRequest.fromFork && !options.allowForks) {
    const reason = `pull request #${event.issueNumber} comes from a fork (${pullRequest.headRepository ?? "deleted repository"})`;
    return refuse("refused", reason, `@${event.actor} ${grammar.word} does not run on pull requests from forks. Nothing was run.`);
  }

  let outcome: CommandOutcome<R> | null;
  try {
    outcome = await options.handler({ event, command: parsed.command, permission: permission.level, pullRequest });
  } catch (error) {
    await reactToComment(api, repo, event.commentId, REACTIONS.failure, logger);
    await reply(`@${event.actor} \`${grammar.word} ${parsed.command.name}\` failed:\n\n\`\`\`\n${describeError(error)}\n\`\`\``).catch((replyError) =>
      logger.warning(`Could not post the failure reply: ${(replyError as Error).message}`),
    );
    throw error;
  }
  if (outcome === null) return { status: "accepted", event, command: parsed.command, pullRequest };
  await reactToComment(api, repo, event.commentId, outcome.ok ? REACTIONS.success : REACTIONS.failure, logger);
  const { url } = await reply(outcome.message);
  return { status: "done", ok: outcome.ok, event, command: parsed.command, outcome, replyUrl: url };
}
