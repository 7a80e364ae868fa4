import type { RawInputs } from "./parse-inputs";

/**
 * Inputs kept only so old workflows and scripts go on working: input name → what to use instead.
 * action.yml marks them with deprecationMessage; the adapters log these warnings (GitHub shows its
 * own only on github.com runners, and the CLI has none).
 */
export type DeprecatedInputs = Readonly<Record<string, string>>;

/** One warning per deprecated input that is set, naming what replaces it. */
export function deprecationWarnings(raw: RawInputs, deprecated: DeprecatedInputs): string[] {
  return Object.entries(deprecated)
    .filter(([name]) => raw[name] !== undefined && raw[name] !== "")
    .map(([name, instead]) => `${name} is deprecated and will be removed: ${instead}`);
}
