import { z } from "zod";
import { field, parseInputs, zBool, zDuration, zList, zPattern, type RawInputs } from "@chainops/shared/config";
import { ConfigError } from "@chainops/shared";
import { PERMISSION_LEVELS } from "@chainops/shared/github";
import { COMMIT_SHA, isSafeRef } from "./git-ref";
import { CANARY_COMMANDS } from "./grammar";
import { checkLabelKey, checkValueKey } from "./helm";
import { checkImageTagTemplate, DEFAULT_IMAGE_TAG_TEMPLATE } from "./image-tag";
import { DEFAULT_LEASE_PREFIX } from "./leases";
import { createReleaseMatcher, type ReleaseMatcher } from "./release-names";
import type { CanarySettings } from "./operations";

/** Input names, one place (action.yml, the CLI flags and the docs use these). */
export const INPUTS = {
  mode: "mode",
  command: "command",
  release: "release",
  ref: "ref",
  resolvedRef: "resolved-ref",
  owner: "owner",
  imageTag: "image-tag",
  force: "force",
  releases: "releases",
  releasePattern: "release-pattern",
  store: "store",
  leasePrefix: "lease-prefix",
  leaseTtl: "lease-ttl",
  requiredPermission: "required-permission",
  forcePermission: "force-permission",
  forceTeam: "force-team",
  allowForks: "allow-forks",
  chart: "chart",
  chartVersion: "chart-version",
  valuesFiles: "values-files",
  namespace: "namespace",
  helmTimeout: "helm-timeout",
  imageTagTemplate: "image-tag-template",
  imageTagKey: "image-tag-key",
  snapshotEnabledKey: "snapshot-enabled-key",
  snapshotUrlKey: "snapshot-url-key",
  snapshotUrl: "snapshot-url",
  dataLabel: "data-label",
  helm: "helm",
  kubectl: "kubectl",
} as const;

export const OUTPUTS = ["result", "command", "release", "ref", "image-tag", "helm-revision", "lease-owner", "lease-expires-at", "reply-url"] as const;

const permission = z.enum(PERMISSION_LEVELS);
/** Owners end up in lease documents, replies and Slack: a login or user name, nothing that formats. */
const LEASE_OWNER = /^@?[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const schema = z.object({
  mode: field(z.enum(["run", "parse"]).default("run"), { example: "parse" }),
  command: field(z.enum(CANARY_COMMANDS).optional(), { example: "upgrade" }),
  release: z.string().optional(),
  ref: z.string().optional(),
  resolvedRef: zPattern(/^[0-9a-f]{40}$/, "a full 40-character commit SHA (the parse job's ref output)", "3f2c1d0e9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e").optional(),
  owner: zPattern(LEASE_OWNER, "a lease owner (a GitHub login or user name: letters, digits, . _ -)", "anton").optional(),
  imageTag: z.string().optional(),
  force: zBool().default(false),
  releases: zList().default([]),
  releasePattern: z.string().optional(),
  store: field(z.string().min(1), { example: "gs://my-ops-bucket/lotusbot" }),
  leasePrefix: zPattern(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "a store folder", DEFAULT_LEASE_PREFIX).default(DEFAULT_LEASE_PREFIX),
  leaseTtl: zDuration({ min: 60_000, example: "24h" }).default(24 * 60 * 60 * 1000),
  requiredPermission: field(permission.default("write"), { example: "write" }),
  forcePermission: field(permission.default("admin"), { example: "admin" }),
  forceTeam: zPattern(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/, "org/team-slug", "filecoin-project/lotus-maintainers").optional(),
  allowForks: zBool().default(false),
  chart: field(z.string().min(1), { example: "./charts/lotus-fullnode" }),
  chartVersion: z.string().optional(),
  valuesFiles: zList().default([]),
  namespace: zPattern(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a Kubernetes namespace", "lotus").default("lotus"),
  helmTimeout: zDuration({ min: 1000, example: "30m" }).default(30 * 60 * 1000),
  imageTagTemplate: z.string().default(DEFAULT_IMAGE_TAG_TEMPLATE),
  imageTagKey: z.string().default("image.tag"),
  snapshotEnabledKey: z.string().default("importSnapshot.enabled"),
  snapshotUrlKey: z.string().default("importSnapshot.url"),
  snapshotUrl: zPattern(/^https?:\/\/[A-Za-z0-9._:/@+-]+$/, "an http(s) URL of letters, digits and . _ : / @ + -", "https://snapshots.mainnet.filops.net/minimal/latest").optional(),
  dataLabel: z.string().default("release"),
  helm: z.string().default("helm"),
  kubectl: z.string().default("kubectl"),
});

export type CanaryInputs = z.output<typeof schema>;

export interface CanaryConfig extends CanaryInputs {
  releaseMatcher: ReleaseMatcher;
  settings: CanarySettings;
}

/** Every input checked once, up front: bad config fails before any comment is read. */
export function loadCanaryConfig(raw: RawInputs): CanaryConfig {
  const inputs = parseInputs(schema, raw, { inputNames: INPUTS });
  const releaseMatcher = createReleaseMatcher({ releases: inputs.releases, pattern: inputs.releasePattern });
  checkImageTagTemplate(inputs.imageTagTemplate);
  checkValueKey(inputs.imageTagKey, INPUTS.imageTagKey);
  checkValueKey(inputs.snapshotEnabledKey, INPUTS.snapshotEnabledKey);
  checkValueKey(inputs.snapshotUrlKey, INPUTS.snapshotUrlKey);
  checkLabelKey(inputs.dataLabel);
  if (inputs.ref !== undefined && !COMMIT_SHA.test(inputs.ref) && !isSafeRef(inputs.ref)) {
    throw new ConfigError(INPUTS.ref, "is not a commit SHA or a plain branch/tag name", { value: inputs.ref, example: "v1.28.0" });
  }
  if (inputs.release !== undefined && !releaseMatcher.matches(inputs.release)) {
    throw new ConfigError(INPUTS.release, `is not one of the configured canaries (${releaseMatcher.describe()})`, { value: inputs.release, example: inputs.releases[0] ?? "lotus-0" });
  }
  return {
    ...inputs,
    releaseMatcher,
    settings: {
      chart: inputs.chart,
      chartVersion: inputs.chartVersion,
      valuesFiles: inputs.valuesFiles,
      imageTagKey: inputs.imageTagKey,
      snapshotEnabledKey: inputs.snapshotEnabledKey,
      snapshotUrlKey: inputs.snapshotUrlKey,
      snapshotUrl: inputs.snapshotUrl,
      dataLabel: inputs.dataLabel,
      leaseTtlMs: inputs.leaseTtl,
      knownReleases: inputs.releases,
    },
  };
}
