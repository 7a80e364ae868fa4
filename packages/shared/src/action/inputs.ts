import * as core from "@actions/core";

// Inputs whose names say they hold a secret are masked even if the workflow forgot to use secrets.*.
const SECRET_INPUT = /token|secret|password|private-key|api-key|credentials/i;

/**
 * Reads the named action inputs (kebab-case, as in action.yml) into a raw record for
 * parseInputs; an input that was not given is "".
 */
export function getInputs(names: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const name of names) {
    const value = core.getInput(name);
    if (value && SECRET_INPUT.test(name)) core.setSecret(value);
    raw[name] = value;
  }
  return raw;
}
