import type { ArgSpec, CommandSpec, Grammar } from "@chainops/shared/github";
import { COMMIT_SHA, isSafeRef } from "./git-ref";
import type { ReleaseMatcher } from "./release-names";

export const COMMAND_WORD = "/lotusbot";
export const CANARY_COMMANDS = ["upgrade", "install-snapshot", "create", "delete", "acquire", "release", "status", "help"] as const;
export type CanaryCommand = (typeof CANARY_COMMANDS)[number];
/** Commands that change what runs on a canary (helm, Grafana annotation, Slack). */
export const DEPLOYING_COMMANDS: readonly CanaryCommand[] = ["upgrade", "install-snapshot", "create", "delete"];

/** GitHub logins: letters, digits, single hyphens, at most 39. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

const FORCE = { name: "--force", description: "deploy or release even when someone else holds the lease (admins only)" };

/**
 * The /lotusbot table. Canonical order is `<command> <release> [ref]`; tweety's
 * `<command> <ref> <release> [owner]` is accepted where only one reading fits (release names
 * come from the configured list or pattern, so a ref can rarely pass for one).
 */
export function lotusbotGrammar(releases: ReleaseMatcher): Grammar {
  const release: ArgSpec = { name: "release", pattern: (v) => releases.matches(v) };
  const ref: ArgSpec = { name: "ref", pattern: (v) => COMMIT_SHA.test(v) || isSafeRef(v), optional: true };
  const owner: ArgSpec = { name: "owner", pattern: (v) => GITHUB_LOGIN.test(v.replace(/^@/, "")), optional: true };
  const deploying = (name: CanaryCommand, summary: string): CommandSpec => ({
    name,
    summary,
    args: [release, ref],
    alternateForms: [[{ ...ref, optional: false }, release, owner]],
    flags: [FORCE],
  });
  return {
    word: COMMAND_WORD,
    commands: [
      deploying("upgrade", "helm upgrade the release to the image for ref (default: the PR head), keeping the data dir"),
      deploying("install-snapshot", "the same, but wipe the data dir and start from a chain snapshot"),
      deploying("create", "install a new canary release"),
      { name: "delete", summary: "uninstall a canary release and delete its volumes", args: [release], flags: [FORCE] },
      { name: "acquire", summary: "lease a canary for yourself (24 h unless configured otherwise)", args: [release], flags: [FORCE] },
      { name: "release", aliases: ["free"], summary: "give your lease back", args: [release], flags: [FORCE] },
      { name: "status", summary: "table of canaries: busy/free, owner, since, ref, PR, lease expiry", args: [] },
      { name: "help", summary: "this message", args: [] },
    ],
  };
}
