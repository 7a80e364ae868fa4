import { ConfigError, type Logger } from "@chainops/shared";
import { runCommand } from "@chainops/shared/exec";

/** How helm and kubectl are run: binaries, namespace, timeout. Kubeconfig comes from the environment (the runner's). */
export interface HelmTarget {
  helm: string;
  kubectl: string;
  namespace: string;
  timeoutMs: number;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/**
 * One chart value. Keys and values are checked against narrow patterns before they reach an
 * argument array: no commas, braces, backslashes or '=' that helm's --set parser would interpret.
 * Strings go through --set-string so a tag such as "1e10" stays a string.
 */
export type HelmValue = { key: string; value: string; kind: "string" } | { key: string; value: boolean | number; kind: "literal" };

const VALUE_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,62}(\.[A-Za-z_][A-Za-z0-9_-]{0,62}){0,9}$/;
const STRING_VALUE = /^[A-Za-z0-9._:/@+-]{0,512}$/;

export function checkValueKey(key: string, input: string): string {
  if (!VALUE_KEY.test(key)) throw new ConfigError(input, "is not a chart value key (dot-separated names)", { value: key, example: "image.tag" });
  return key;
}

const LABEL_KEY = /^([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

export function checkLabelKey(key: string): string {
  if (!LABEL_KEY.test(key)) throw new ConfigError("data-label", "is not a Kubernetes label key", { value: key, example: "app.kubernetes.io/instance" });
  return key;
}

function setArgs(values: HelmValue[]): string[] {
  return values.flatMap((v) => {
    checkValueKey(v.key, `chart value key ${v.key}`);
    if (v.kind === "string") {
      if (!STRING_VALUE.test(v.value)) throw new ConfigError(`value of ${v.key}`, "may only contain letters, digits and . _ : / @ + -", { value: v.value, example: "v1.28.0" });
      return ["--set-string", `${v.key}=${v.value}`];
    }
    return ["--set", `${v.key}=${String(v.value)}`];
  });
}

/** Chart references and file paths come from trusted config, but still may not look like flags. */
function notAFlag(value: string, input: string): string {
  if (value.startsWith("-") || /[\u0000-\u001f]/.test(value)) throw new ConfigError(input, "must be a path or chart reference, not a flag", { value, example: "./charts/lotus-fullnode" });
  return value;
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

export interface DeployRequest {
  release: string;
  chart: string;
  chartVersion?: string;
  valuesFiles: string[];
  values: HelmValue[];
  /** "install" refuses an existing release; "upgrade" is `upgrade --install`. */
  mode: "install" | "upgrade";
}

/** The exact helm argv for a deploy (exported so tests and dry runs can show it). */
export function deployArgs(target: HelmTarget, request: DeployRequest): string[] {
  const args = request.mode === "install" ? ["install"] : ["upgrade", "--install"];
  args.push("--namespace", target.namespace, "--wait", "--timeout", seconds(target.timeoutMs), "--atomic", "--output", "json");
  if (request.chartVersion) args.push("--version", notAFlag(request.chartVersion, "chart-version"));
  for (const file of request.valuesFiles) args.push("--values", notAFlag(file, "values-file"));
  args.push(...setArgs(request.values));
  args.push(notAFlag(request.release, "release"), notAFlag(request.chart, "chart"));
  return args;
}

/** helm install / upgrade --install; returns the new helm revision when helm reports it. */
export async function helmDeploy(target: HelmTarget, request: DeployRequest): Promise<{ revision?: number }> {
  const { stdout } = await runCommand(target.helm, deployArgs(target, request), {
    env: target.env,
    logger: target.logger,
    captureStdout: true,
    hint: `Check the release with \`helm status ${request.release} -n ${target.namespace}\` and the pods with \`kubectl -n ${target.namespace} get pods -l release=${request.release}\`.`,
  });
  return { revision: parseRevision(stdout) };
}

function parseRevision(stdout: string): number | undefined {
  try {
    const version = (JSON.parse(stdout) as { version?: unknown }).version;
    return typeof version === "number" ? version : undefined;
  } catch {
    return undefined;
  }
}

/** helm uninstall --wait; a release that is already gone is fine. */
export async function helmUninstall(target: HelmTarget, release: string): Promise<void> {
  await runCommand(target.helm, ["uninstall", notAFlag(release, "release"), "--namespace", target.namespace, "--wait", "--timeout", seconds(target.timeoutMs), "--ignore-not-found"], {
    env: target.env,
    logger: target.logger,
  });
}

/** Deletes the release's persistent volume claims (the data dir), selected by label, e.g. release=lotus-0. */
export async function deleteReleaseVolumes(target: HelmTarget, release: string, labelKey: string): Promise<void> {
  await runCommand(
    target.kubectl,
    ["delete", "pvc", "--namespace", target.namespace, "--selector", `${checkLabelKey(labelKey)}=${notAFlag(release, "release")}`, "--ignore-not-found", "--wait=true", `--timeout=${seconds(target.timeoutMs)}`],
    { env: target.env, logger: target.logger },
  );
}
