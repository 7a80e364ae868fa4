import * as core from "@actions/core";
import { isSecretInputName } from "../core/errors";

/**
 * Reads the named action inputs (kebab-case, as in action.yml) into a raw record for
 * parseInputs; an input that was not given is "".
 */
export function getInputs(names: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const name of names) {
    const value = core.getInput(name);
    // Masked even if the workflow forgot to use secrets.*.
    if (value && isSecretInputName(name)) core.setSecret(value);
    raw[name] = value;
  }
  return raw;
}
