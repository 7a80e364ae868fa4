import type { Command } from "commander";
import type { CliContext } from "./command";

/**
 * Adds an action's inputs as flags of the same name (`--lotus-path <dir>`). A value name of
 * "bool" makes the value optional: `--site` is `--site true`. A missing `required` flag is a usage
 * error (exit 2), like a missing argument. An input without a help line still
 * becomes a flag, so a new action input is never missing from the CLI.
 */
export function addInputOptions(command: Command, names: readonly string[], help: Record<string, [value: string, description: string]>, required: readonly string[] = []): Command {
  for (const name of names) {
    const [value, description] = help[name] ?? ["value", `the action's ${name} input`];
    const flag = value === "bool" ? `--${name} [bool]` : `--${name} <${value}>`;
    if (required.includes(name)) command.requiredOption(flag, description);
    else command.option(flag, description);
  }
  return command;
}

/**
 * Slack for every command that announces: the token from $SLACK_TOKEN only (never a flag: it
 * would show in `ps`), the channel from --slack-channel or $SLACK_CHANNEL.
 */
export function slackSettings(values: Record<string, string>, context: Pick<CliContext, "env">): { "slack-token"?: string; "slack-channel"?: string } {
  return {
    "slack-token": context.env.SLACK_TOKEN,
    "slack-channel": values["slack-channel"] ?? context.env.SLACK_CHANNEL,
  };
}
