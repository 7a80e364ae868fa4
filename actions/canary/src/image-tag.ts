import { ConfigError } from "@chainops/shared";

/** Docker tag grammar: up to 128 characters of [A-Za-z0-9_.-], not starting with '.' or '-'. */
export const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const DEFAULT_IMAGE_TAG_TEMPLATE = "{sha}";

const PLACEHOLDERS = new Set(["sha", "short_sha", "pr"]);

/** Checks the template at config time, so a typo fails before any comment is read. */
export function checkImageTagTemplate(template: string): string {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((name) => !PLACEHOLDERS.has(name));
  if (unknown.length) {
    throw new ConfigError("image-tag-template", `unknown placeholder {${unknown[0]}}; use {sha}, {short_sha} or {pr}`, { value: template, example: "sha-{short_sha}" });
  }
  if (!DOCKER_TAG.test(template.replace(/\{[^}]*\}/g, "x"))) {
    throw new ConfigError("image-tag-template", "does not produce a valid image tag", { value: template, example: "{sha}" });
  }
  return template;
}

/** The image tag for a commit: the template with {sha}, {short_sha} and {pr} filled in. */
export function renderImageTag(template: string, values: { sha: string; pr?: number }): string {
  const tag = template
    .replaceAll("{sha}", values.sha)
    .replaceAll("{short_sha}", values.sha.slice(0, 7))
    .replaceAll("{pr}", values.pr === undefined ? "none" : String(values.pr));
  if (!DOCKER_TAG.test(tag)) throw new ConfigError("image-tag-template", "produced an invalid image tag", { value: tag, example: "{sha}" });
  return tag;
}
