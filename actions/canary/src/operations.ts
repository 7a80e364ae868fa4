import { ConfigError, describeError, type Clock, type Logger } from "@chainops/shared";
import { checkBeforeRun } from "@chainops/shared/preflight";
import { announceDeploy, type GrafanaAnnotator, type SlackPoster } from "./announce-deploy";
import { deployChecks } from "./deploy-preflight";
import { DEPLOYING_COMMANDS, type CanaryCommand } from "./grammar";
import { deleteReleaseVolumes, helmDeploy, helmUninstall, type HelmTarget, type HelmValue } from "./helm";
import { DOCKER_TAG } from "./image-tag";
import { acquireLease, isLeaseActive, listLeases, recordDeployment, releaseLease, requireFree, type AcquireOutcome, type LeaseDocument, type LeaseStore } from "./leases";
import { formatStatusTable } from "./status-table";

/** Chart and lease settings shared by every entry point (action, CLI, JSON-RPC). */
export interface CanarySettings {
  chart: string;
  chartVersion?: string;
  valuesFiles: string[];
  /** Chart value that receives the image tag (lotus-fullnode chart: image.tag). */
  imageTagKey: string;
  /** Chart value set to true for install-snapshot (lotus-fullnode chart: importSnapshot.enabled). */
  snapshotEnabledKey: string;
  /** Chart value that receives snapshot-url, when one is configured (lotus-fullnode chart: importSnapshot.url). */
  snapshotUrlKey: string;
  snapshotUrl?: string;
  /** Label that selects a release's volumes for the data-dir reset (lotus-fullnode StatefulSet: release). */
  dataLabel: string;
  leaseTtlMs: number;
  /** Releases always listed by status, even before their first lease. */
  knownReleases: string[];
}

export interface CanaryDeps {
  leases: LeaseStore;
  helm: HelmTarget;
  clock: Clock;
  logger: Logger;
  slack?: SlackPoster;
  grafana?: GrafanaAnnotator;
}

export interface CanaryRequest {
  command: CanaryCommand;
  release?: string;
  imageTag?: string;
  ref?: string;
  /** Who asks. Without an owner (tweety's InstallSnapshot/CreateCanary/DeleteCanary) only a free canary may be touched, and no lease is taken. */
  owner?: string;
  /** Override someone else's lease; the caller decides who may. */
  force?: boolean;
  pr?: { number: number; url?: string };
  runUrl?: string;
}

export interface CanaryResult {
  command: CanaryCommand;
  release?: string;
  ref?: string;
  imageTag?: string;
  helmRevision?: number;
  lease?: LeaseDocument;
  acquireOutcome?: AcquireOutcome;
  previousOwner?: string;
  leases?: LeaseDocument[];
  /** One line for logs and JSON-RPC. */
  summary: string;
  /** Markdown for replies and the job summary. */
  markdown: string;
}

function need<T>(value: T | undefined, input: string, example: string): T {
  if (value === undefined || value === "") throw new ConfigError(input, "is required for this command", { example });
  return value;
}

/** Runs one canary command. Every entry point (PR comment, workflow_dispatch, CLI, JSON-RPC) ends here. */
export async function executeCanaryCommand(request: CanaryRequest, settings: CanarySettings, deps: CanaryDeps): Promise<CanaryResult> {
  const { command } = request;
  if (command === "status") {
    const leases = await listLeases(deps.leases);
    const markdown = formatStatusTable(leases, settings.knownReleases, deps.clock.now());
    const busy = leases.filter((l) => isLeaseActive(l, deps.clock.now())).length;
    return { command, leases, summary: `${busy} of ${new Set([...settings.knownReleases, ...leases.map((l) => l.release)]).size} canaries busy`, markdown };
  }
  if (command === "help") return { command, summary: "help", markdown: "" };

  const release = need(request.release, "release", "lotus-0");
  if (command === "acquire") {
    const owner = need(request.owner, "owner", "anton");
    const acquired = await acquireLease(deps.leases, { release, owner, ttlMs: settings.leaseTtlMs, force: request.force });
    return leaseResult(command, release, acquired.lease, `${owner} holds ${release} until ${acquired.lease.expiresAt} (${acquired.outcome})`, acquired);
  }
  if (command === "release") {
    const owner = need(request.owner, "owner", "anton");
    const released = await releaseLease(deps.leases, { release, owner, force: request.force });
    const summary = released.wasHeldBy ? `${release} is free again (was held by ${released.wasHeldBy})` : `${release} was not leased; it is free`;
    return { command, release, lease: released.lease, summary, markdown: summary };
  }

  if (!DEPLOYING_COMMANDS.includes(command)) throw new ConfigError("command", "is not a canary command", { value: command, example: "upgrade" });
  // helm, kubectl and a writable lease store are checked before the lease is taken.
  await checkBeforeRun(deployChecks(command, deps.helm, deps.leases, Boolean(request.owner)), { logger: deps.logger });
  let lease: LeaseDocument | undefined;
  let acquired: Awaited<ReturnType<typeof acquireLease>> | undefined;
  if (request.owner) {
    acquired = await acquireLease(deps.leases, {
      release,
      owner: request.owner,
      ttlMs: settings.leaseTtlMs,
      force: request.force,
      details: { lastCommand: command },
    });
    lease = acquired.lease;
  } else if (!request.force) {
    await requireFree(deps.leases, release);
  }

  let imageTag: string | undefined;
  if (command !== "delete") {
    imageTag = need(request.imageTag, "image-tag", "a commit SHA such as 3f2c…");
    if (!DOCKER_TAG.test(imageTag)) throw new ConfigError("image-tag", "is not a valid image tag", { value: imageTag, example: "v1.28.0" });
  }

  const started = deps.clock.now();
  let helmRevision: number | undefined;
  try {
    helmRevision = await deps.logger.group(`${command} ${release}`, () => runHelm(command, release, imageTag, settings, deps));
  } catch (error) {
    await announceDeploy({ command, release, ok: false, owner: request.owner, ref: request.ref, imageTag, prUrl: request.pr?.url, runUrl: request.runUrl, error: describeError(error).split("\n")[0] }, deps);
    throw error;
  }
  deps.logger.info(`${command} ${release} finished in ${Math.round((deps.clock.now() - started) / 1000)} s`);

  if (acquired) {
    lease = await recordDeployment(acquired.held, release, {
      ref: command === "delete" ? undefined : request.ref,
      imageTag: command === "delete" ? undefined : imageTag,
      helmRevision: command === "delete" ? undefined : helmRevision,
      pr: request.pr?.number,
      prUrl: request.pr?.url,
      lastCommand: command,
    }, deps.clock);
  }
  if (command === "delete" && request.owner) {
    lease = (await releaseLease(deps.leases, { release, owner: request.owner, force: request.force })).lease;
  }
  await announceDeploy({ command, release, ok: true, owner: request.owner, ref: request.ref, imageTag, prUrl: request.pr?.url, runUrl: request.runUrl }, deps);

  const summary = command === "delete" ? `${release} deleted` : `${release} runs image tag ${imageTag}${helmRevision ? ` (helm revision ${helmRevision})` : ""}`;
  return {
    command,
    release,
    ref: request.ref,
    imageTag,
    helmRevision,
    lease,
    acquireOutcome: acquired?.outcome,
    previousOwner: acquired?.previousOwner,
    summary,
    markdown: resultTable({ command, release, ref: request.ref, imageTag, helmRevision, lease }),
  };
}

async function runHelm(command: CanaryCommand, release: string, imageTag: string | undefined, settings: CanarySettings, deps: CanaryDeps): Promise<number | undefined> {
  const base = { release, chart: settings.chart, chartVersion: settings.chartVersion, valuesFiles: settings.valuesFiles };
  const tag: HelmValue[] = imageTag ? [{ key: settings.imageTagKey, value: imageTag, kind: "string" }] : [];
  switch (command) {
    case "upgrade":
      return (await helmDeploy(deps.helm, { ...base, mode: "upgrade", values: tag })).revision;
    case "create":
      return (await helmDeploy(deps.helm, { ...base, mode: "install", values: tag })).revision;
    case "install-snapshot": {
      // The data dir lives in the StatefulSet's volumes, which outlive an uninstall: remove both, then install fresh.
      await helmUninstall(deps.helm, release);
      await deleteReleaseVolumes(deps.helm, release, settings.dataLabel);
      const snapshot: HelmValue[] = [{ key: settings.snapshotEnabledKey, value: true, kind: "literal" }];
      if (settings.snapshotUrl) snapshot.push({ key: settings.snapshotUrlKey, value: settings.snapshotUrl, kind: "string" });
      return (await helmDeploy(deps.helm, { ...base, mode: "upgrade", values: [...tag, ...snapshot] })).revision;
    }
    case "delete":
      await helmUninstall(deps.helm, release);
      await deleteReleaseVolumes(deps.helm, release, settings.dataLabel);
      return undefined;
    default:
      throw new ConfigError("command", "is not a deploying command", { value: command, example: "upgrade" });
  }
}

function leaseResult(command: CanaryCommand, release: string, lease: LeaseDocument, summary: string, acquired: { outcome: AcquireOutcome; previousOwner?: string }): CanaryResult {
  return { command, release, lease, acquireOutcome: acquired.outcome, previousOwner: acquired.previousOwner, summary, markdown: resultTable({ command, release, lease }) };
}

/** The reply table: command, release, ref, image tag, helm revision, lease. */
export function resultTable(r: { command: string; release: string; ref?: string; imageTag?: string; helmRevision?: number; lease?: LeaseDocument }): string {
  const lease = r.lease?.state === "busy" && r.lease.owner ? `${r.lease.owner} until \`${r.lease.expiresAt}\`` : "free";
  const rows: [string, string][] = [
    ["command", `\`${r.command}\``],
    ["release", `\`${r.release}\``],
    ...(r.ref ? [["ref", `\`${r.ref}\``] as [string, string]] : []),
    ...(r.imageTag ? [["image tag", `\`${r.imageTag}\``] as [string, string]] : []),
    ...(r.helmRevision !== undefined ? [["helm revision", String(r.helmRevision)] as [string, string]] : []),
    ["lease", lease],
  ];
  return ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}
