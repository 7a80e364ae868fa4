import { thisProcess, type ProcessIdentity } from "../core/process-identity";

/** A GitHub Actions run attempt, as the REST API names it. */
export interface GitHubRunRef {
  /** "owner/name" */
  repository: string;
  runId: number;
  attempt: number;
}

/**
 * Who holds a lease. A person (a canary owner) is just a name; a program also records its
 * process and, on GitHub Actions, its run, so a later run can prove it gone and take over.
 */
export interface LeaseHolder {
  /** For people: "alice", "github run 123 attempt 1 on runner-3", "node-1 pid 4242". */
  name: string;
  process?: ProcessIdentity;
  githubRun?: GitHubRunRef;
  /** A link for people, e.g. the run's page. */
  url?: string;
}

/**
 * This process as a lease holder, from the adapter's environment: on GitHub Actions
 * (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_REPOSITORY) "github run <id> attempt <n> on <host>"
 * with the run; elsewhere "<host> pid <pid>". Only adapters call this (they pass process.env).
 */
export function holderFromEnvironment(env: NodeJS.ProcessEnv, here: ProcessIdentity = thisProcess()): LeaseHolder {
  const runId = Number(env.GITHUB_RUN_ID);
  const attempt = Number(env.GITHUB_RUN_ATTEMPT || "1");
  const repository = env.GITHUB_REPOSITORY;
  if (Number.isSafeInteger(runId) && runId > 0) {
    const url = env.GITHUB_SERVER_URL && repository ? `${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${repository}/actions/runs/${runId}` : undefined;
    return {
      name: `github run ${runId} attempt ${attempt} on ${here.host}`,
      process: here,
      ...(repository && /^[\w.-]+\/[\w.-]+$/.test(repository) && Number.isSafeInteger(attempt) ? { githubRun: { repository, runId, attempt } } : {}),
      ...(url ? { url } : {}),
    };
  }
  return { name: `${here.host} pid ${here.pid}`, process: here };
}

/** A holder named only by a string (tests, the demo, older callers): this process, under that name. */
export function processHolder(name: string, here: ProcessIdentity = thisProcess()): LeaseHolder {
  return { name, process: here };
}

/** Same holder: the same name, ignoring case (GitHub logins are case-insensitive). */
export function sameHolder(a: LeaseHolder, b: LeaseHolder): boolean {
  return a.name.toLowerCase() === b.name.toLowerCase();
}

/** "alice" or "github run 1 attempt 1 on r1 (https://github.com/o/r/actions/runs/1)" */
export function describeHolder(holder: LeaseHolder): string {
  return holder.url ? `${holder.name} (${holder.url})` : holder.name;
}
