import { BusyError, ConfigError, type Clock, type Logger } from "@chainops/shared";
import {
  checkPermission,
  formatUsage,
  handleCommentCommand,
  isTeamMember,
  parseRepository,
  resolveCommit,
  type CommandOutcome,
  type CommentCommandContext,
  type GitHubApi,
  type RepoRef,
} from "@chainops/shared/github";
import type { ObjectStore } from "@chainops/shared/storage";
import { SummaryReport, type Cell } from "@chainops/shared/summary";
import type { GrafanaAnnotator, SlackPoster } from "./announce-deploy";
import type { CanaryConfig, OUTPUTS } from "./config";
import { lotusbotGrammar, type CanaryCommand } from "./grammar";
import { renderImageTag } from "./image-tag";
import { executeCanaryCommand, type CanaryDeps, type CanaryResult } from "./operations";

export interface GitHubContext {
  api: GitHubApi;
  eventName: string;
  payload: unknown;
  /** owner/name */
  repository: string;
  /** Who triggered the run (workflow_dispatch owner default). */
  actor: string;
  runUrl?: string;
}

export interface RunDeps {
  store: ObjectStore;
  clock: Clock;
  logger: Logger;
  github?: GitHubContext;
  slack?: SlackPoster;
  grafana?: GrafanaAnnotator;
  /** Environment for helm/kubectl (kubeconfig); defaults to the parent's. */
  env?: NodeJS.ProcessEnv;
}

export type RunStatus = "done" | "refused" | "usage" | "ignored" | "accepted" | "failed";
export interface RunResult {
  status: RunStatus;
  outputs: Partial<Record<(typeof OUTPUTS)[number], string>>;
  /** The job summary (the CLI prints it as text). */
  report: SummaryReport;
  /** The lease table, for status (the CLI's --json). */
  leases?: CanaryResult["leases"];
}

/** Job summary: what was asked, what happened, and the canary table for status. */
function reportOf(title: string, outputs: RunResult["outputs"], note?: string, result?: CanaryResult): SummaryReport {
  const report = new SummaryReport().heading(title);
  if (note) report.paragraph(note);
  const facts = Object.entries(outputs).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "");
  if (facts.length) report.keyValues(facts.map(([k, v]): [string, Cell] => [k, k === "reply-url" ? { text: v, href: v } : { code: v }]));
  if (result?.leases) {
    report.table(
      ["canary", "state", "owner", "ref", "PR", "lease expires"],
      result.leases.map((l) => [l.release, l.state, l.owner ?? "", l.ref ? { code: l.ref } : "", l.pr ?? "", l.expiresAt ?? ""]),
    );
  }
  return report;
}

const SHA = /^[0-9a-f]{40}$/;
/** Commands that deploy an image, so need a commit. */
const DEPLOYING_WITH_IMAGE: readonly CanaryCommand[] = ["upgrade", "install-snapshot", "create"];

/** The clients every canary command needs, from the config and the adapter's deps (also used by `chainops canary serve`). */
export function canaryDeps(config: CanaryConfig, deps: RunDeps): CanaryDeps {
  return {
    leases: { store: deps.store, prefix: config.leasePrefix, clock: deps.clock },
    helm: { helm: config.helm, kubectl: config.kubectl, namespace: config.namespace, timeoutMs: config.helmTimeout, logger: deps.logger, env: deps.env },
    clock: deps.clock,
    logger: deps.logger,
    slack: deps.slack,
    grafana: deps.grafana,
  };
}

function outputsOf(result: CanaryResult, status: RunStatus): RunResult["outputs"] {
  return {
    result: status,
    command: result.command,
    release: result.release,
    ref: result.ref,
    "image-tag": result.imageTag,
    "helm-revision": result.helmRevision === undefined ? undefined : String(result.helmRevision),
    "lease-owner": result.lease?.state === "busy" ? result.lease.owner : undefined,
    "lease-expires-at": result.lease?.state === "busy" ? result.lease.expiresAt : undefined,
  };
}

function repoOf(github: GitHubContext): RepoRef {
  const repo = parseRepository(github.repository);
  if (!repo) throw new ConfigError("GITHUB_REPOSITORY", "is not owner/name", { value: github.repository, example: "filecoin-project/lotus" });
  return repo;
}

/** May this user override someone else's lease? force-permission (default admin) or membership of force-team. */
async function mayForce(config: CanaryConfig, api: GitHubApi, repo: RepoRef, user: string): Promise<boolean> {
  const { allowed } = await checkPermission(api, repo, user, config.forcePermission);
  if (allowed) return true;
  if (!config.forceTeam) return false;
  const [org, slug] = config.forceTeam.split("/") as [string, string];
  return isTeamMember(api, { org, slug }, user);
}

/**
 * The canary action. With `command` set (workflow_dispatch, workflow_call, CLI) it runs that
 * command; otherwise it answers a /lotusbot PR comment. In `mode: parse` it only checks the
 * comment and reports the validated release (for the workflow's concurrency group).
 */
export async function run(config: CanaryConfig, deps: RunDeps): Promise<RunResult> {
  if (config.command && config.mode === "parse") {
    // The inputs were validated by loadCanaryConfig (release against the allow-list); nothing is deployed here.
    // A branch or tag is resolved now, so the deploy job (maybe after an approval) deploys this commit, not a later one.
    const ref = await resolveDeployRef(config, config.command, deps.github);
    const outputs = { result: "accepted", command: config.command, release: config.release, ref };
    return { status: "accepted", outputs, report: reportOf(`lotusbot ${config.command}: accepted`, outputs) };
  }
  if (config.command) return runDirect(config, deps, config.command);
  const github = deps.github;
  if (!github || github.eventName !== "issue_comment") {
    throw new ConfigError("command", "is required unless the workflow runs on issue_comment", { example: "upgrade" });
  }
  return runComment(config, deps, github);
}

/**
 * workflow_dispatch / workflow_call: the actor needs required-permission from the API (the form
 * itself only needs write), and --force or an owner other than the actor needs the force rights:
 * otherwise anyone could release or deploy over a colleague's lease by typing their name.
 */
async function gateDirectActor(config: CanaryConfig, github: GitHubContext, owner: string | undefined): Promise<void> {
  const repo = repoOf(github);
  const { allowed, level } = await checkPermission(github.api, repo, github.actor, config.requiredPermission);
  if (!allowed) {
    throw new ConfigError("command", `needs ${config.requiredPermission} permission on ${github.repository}; ${github.actor} has ${level}`, {
      hint: "Ask a maintainer to run it, or to raise your role on the repository.",
    });
  }
  const forOther = owner !== undefined && owner.toLowerCase() !== github.actor.toLowerCase();
  if ((config.force || forOther) && !(await mayForce(config, github.api, repo, github.actor))) {
    const rights = `${config.forcePermission}${config.forceTeam ? ` or membership of ${config.forceTeam}` : ""}`;
    if (config.force) throw new ConfigError("force", `${github.actor} may not force (needs ${rights})`, { value: true, example: "false" });
    throw new ConfigError("owner", `may only be you (${github.actor}) unless you have ${rights}`, { value: owner, example: github.actor });
  }
}

/**
 * The commit a deploying command uses, resolved once: resolved-ref (the parse job's answer) when
 * given, else ref (a full SHA as is, a branch or tag through the API). Undefined for other commands.
 */
async function resolveDeployRef(config: CanaryConfig, command: CanaryCommand, github: GitHubContext | undefined): Promise<string | undefined> {
  if (!DEPLOYING_WITH_IMAGE.includes(command)) return undefined;
  if (config.resolvedRef) return config.resolvedRef;
  const ref = config.ref;
  if (!ref) return undefined;
  if (SHA.test(ref)) return ref;
  if (!github) throw new ConfigError("ref", "must be a full commit SHA when there is no GitHub API to resolve it (or give image-tag)", { value: ref, example: "3f2c1d…(40 hex)" });
  return resolveCommit(github.api, repoOf(github), ref);
}

async function runDirect(config: CanaryConfig, deps: RunDeps, command: CanaryCommand): Promise<RunResult> {
  const github = deps.github;
  const owner = config.owner?.replace(/^@/, "") || github?.actor;
  if (github) await gateDirectActor(config, github, owner);
  let imageTag = config.imageTag;
  let ref = config.ref;
  if (!imageTag && (ref || config.resolvedRef)) {
    ref = await resolveDeployRef(config, command, github);
    if (ref) imageTag = renderImageTag(config.imageTagTemplate, { sha: ref });
  }
  const result = await executeCanaryCommand(
    { command, release: config.release, imageTag, ref, owner, force: config.force, runUrl: github?.runUrl },
    config.settings,
    canaryDeps(config, deps),
  );
  deps.logger.info(result.summary);
  if (command === "help") deps.logger.info(formatUsage(lotusbotGrammar(config.releaseMatcher)));
  const outputs = outputsOf(result, "done");
  return { status: "done", outputs, report: reportOf(`lotusbot ${command}`, outputs, result.summary, result), leases: result.leases };
}

async function runComment(config: CanaryConfig, deps: RunDeps, github: GitHubContext): Promise<RunResult> {
  const grammar = lotusbotGrammar(config.releaseMatcher);
  const repo = repoOf(github);
  let executed: CanaryResult | undefined;
  let resolvedSha: string | undefined;

  const handler = async (context: CommentCommandContext): Promise<CommandOutcome<CanaryResult> | null> => {
    const { command, event, pullRequest } = context;
    const name = command.name as CanaryCommand;
    const typedOwner = command.args.owner?.replace(/^@/, "");
    if (typedOwner && typedOwner.toLowerCase() !== event.actor.toLowerCase()) {
      return { ok: false, message: `@${event.actor} the owner in a command must be you (you wrote \`${typedOwner}\`). Nothing was run.` };
    }
    if (name === "help") return { ok: true, message: formatUsage(grammar) };
    if (command.flags.includes("--force") && !(await mayForce(config, github.api, repo, event.actor))) {
      return { ok: false, message: `@${event.actor} \`--force\` needs **${config.forcePermission}** permission${config.forceTeam ? ` or membership of ${config.forceTeam}` : ""}. Nothing was run.` };
    }
    const ref = command.args.ref;
    const deploying = DEPLOYING_WITH_IMAGE.includes(name);
    try {
      // Resolved once: the parse job resolves the PR head (or the typed ref) and hands it to the deploy
      // job as resolved-ref, so a push after the comment (or during an approval wait) is not deployed.
      const sha = deploying ? (config.resolvedRef ?? (ref ? await resolveCommit(github.api, repo, ref) : pullRequest.headSha)) : undefined;
      if (config.mode === "parse") {
        resolvedSha = sha;
        return null;
      }
      if (sha && config.resolvedRef && !ref && sha !== pullRequest.headSha) {
        deps.logger.notice(`The PR head moved to ${pullRequest.headSha} after the comment; deploying ${sha}, the head when the comment was read.`);
      }
      const imageTag = sha ? renderImageTag(config.imageTagTemplate, { sha, pr: pullRequest.number }) : undefined;
      executed = await executeCanaryCommand(
        {
          command: name,
          release: command.args.release,
          ref: sha,
          imageTag,
          owner: event.actor,
          force: command.flags.includes("--force"),
          pr: { number: pullRequest.number, url: pullRequest.htmlUrl || undefined },
          runUrl: github.runUrl,
        },
        config.settings,
        canaryDeps(config, deps),
      );
    } catch (error) {
      // A busy canary or a ref that does not exist is an answer for the commenter, not a broken run.
      if (error instanceof BusyError || error instanceof ConfigError) {
        return { ok: false, message: `@${event.actor} ${error.message.replace(/\.?$/, ".")} Nothing was deployed.\n\n${error.hint ?? ""}`.trim() };
      }
      throw error;
    }
    const title = name === "status" ? "Canaries" : `\`${grammar.word} ${name}\` done: ${executed.summary}`;
    return { ok: true, message: `@${event.actor} ${title}\n\n${executed.markdown}`, result: executed };
  };

  const outcome = await handleCommentCommand<CanaryResult>({
    api: github.api,
    eventName: github.eventName,
    payload: github.payload,
    grammar,
    requiredPermission: config.requiredPermission,
    allowForks: config.allowForks,
    runUrl: github.runUrl,
    logger: deps.logger,
    handler,
  });

  switch (outcome.status) {
    case "ignored":
      return { status: "ignored", outputs: { result: "ignored" }, report: reportOf("lotusbot: ignored", {}, outcome.reason) };
    case "refused":
    case "usage":
    {
      const outputs = { result: outcome.status, "reply-url": outcome.replyUrl };
      return { status: outcome.status, outputs, report: reportOf(`lotusbot: ${outcome.status}`, outputs, outcome.reason) };
    }
    case "accepted": {
      const outputs = { result: "accepted", command: outcome.command.name, release: outcome.command.args.release, ref: resolvedSha };
      return { status: "accepted", outputs, report: reportOf(`lotusbot ${outcome.command.name}: accepted`, outputs, `PR head ${outcome.pullRequest.headSha}`) };
    }
    case "done": {
      const status: RunStatus = outcome.ok ? "done" : "refused";
      const base = executed ? outputsOf(executed, status) : { result: status, command: outcome.command.name, release: outcome.command.args.release };
      const outputs = { ...base, "reply-url": outcome.replyUrl };
      return { status, outputs, report: reportOf(`lotusbot ${outcome.command.name}`, outputs, executed?.summary ?? outcome.outcome.message, executed) };
    }
  }
}
