// One name per setting, across the actions and the CLI:
//   an action input `kebab-name` is the CLI flag `--kebab-name`;
//   secrets (tokens) never are flags (they would show in `ps`): the CLI reads them from the
//   environment as KEBAB_NAME (SLACK_TOKEN, GRAFANA_TOKEN), and the other notification settings
//   fall back to the same upper-case name (SLACK_CHANNEL, GRAFANA_URL);
//   store settings are the environment's, under the SDKs' names (AWS_ENDPOINT_URL_S3, AWS_REGION, …).
// Old names are still read, with a warning that names the new one.
import { Option, type Command } from "commander";
import { deprecationWarnings, type DeprecatedInputs } from "@chainops/shared/config";
import type { CliContext } from "./command";

/**
 * Adds an action's inputs as flags of the same name (`--lotus-path <dir>`). A value name of
 * "bool" makes the value optional: `--site` is `--site true`. A missing `required` flag is a usage
 * error (exit 2), like a missing argument. `deprecated` ones still parse but are left out of --help.
 */
export function addInputOptions(
  command: Command,
  names: readonly string[],
  help: Record<string, [value: string, description: string]>,
  options: { required?: readonly string[]; deprecated?: DeprecatedInputs } = {},
): Command {
  for (const name of names) {
    const [value, description] = help[name] ?? ["value", `the action's ${name} input`];
    const option = new Option(value === "bool" ? `--${name} [bool]` : `--${name} <${value}>`, description);
    if (options.required?.includes(name)) option.makeOptionMandatory();
    if (options.deprecated?.[name]) option.hideHelp();
    command.addOption(option);
  }
  return command;
}

/** Warns for each deprecated flag that was given (the value is still used). */
export function warnDeprecatedFlags(values: Record<string, string>, deprecated: DeprecatedInputs, context: Pick<CliContext, "logger">): void {
  for (const warning of deprecationWarnings(values, deprecated)) context.logger.warning(`--${warning}`);
}

/** Environment variables renamed to the one scheme: old name → the name to use. */
const RENAMED_ENV: Readonly<Record<string, string>> = {
  SLACK_BOT_TOKEN: "SLACK_TOKEN",
};

/** An environment setting by its one name; a renamed old name still works, with a warning. */
export function envSetting(name: string, context: Pick<CliContext, "env" | "logger">): string | undefined {
  const value = context.env[name] || undefined;
  for (const [old, current] of Object.entries(RENAMED_ENV)) {
    if (current !== name || !context.env[old]) continue;
    if (value) {
      context.logger.warning(`${old} is deprecated and ignored: ${name} is set. Unset ${old}.`);
    } else {
      context.logger.warning(`${old} is deprecated: set ${name} instead (${old} is still read for now).`);
      return context.env[old];
    }
  }
  return value;
}

/** Slack for every command that announces: the token from $SLACK_TOKEN, the channel from --slack-channel or $SLACK_CHANNEL. */
export function slackSettings(values: Record<string, string>, context: Pick<CliContext, "env" | "logger">): { "slack-token"?: string; "slack-channel"?: string } {
  return {
    "slack-token": envSetting("SLACK_TOKEN", context),
    "slack-channel": values["slack-channel"] ?? envSetting("SLACK_CHANNEL", context),
  };
}
