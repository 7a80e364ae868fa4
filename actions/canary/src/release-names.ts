import { ConfigError } from "@chainops/shared";

/** Helm release names are DNS labels of at most 53 characters. */
const HELM_RELEASE = /^[a-z0-9]([a-z0-9-]{0,51}[a-z0-9])?$/;

export interface ReleaseMatcher {
  /** True only for a configured release: listed, or matching the pattern, and a valid helm name. */
  matches(name: string): boolean;
  /** For usage text, e.g. "lotus-0, lotus-1" or "lotus-[0-9]+". */
  describe(): string;
}

/** Builds the allow-list of canary releases from the `releases` list and/or the `release-pattern` regex. */
export function createReleaseMatcher(options: { releases?: string[]; pattern?: string }): ReleaseMatcher {
  const listed = new Set(options.releases ?? []);
  for (const name of listed) {
    if (!HELM_RELEASE.test(name)) {
      throw new ConfigError("releases", "each release must be a helm release name (lowercase letters, digits, '-', at most 53)", { value: name, example: "lotus-0" });
    }
  }
  let regex: RegExp | undefined;
  if (options.pattern) {
    try {
      regex = new RegExp(`^(?:${options.pattern})$`);
    } catch (cause) {
      throw new ConfigError("release-pattern", "is not a valid regular expression", { value: options.pattern, example: "lotus-[0-9]+", cause });
    }
  }
  if (listed.size === 0 && !regex) {
    throw new ConfigError("releases", "name the canary releases (a list) or give release-pattern", { example: "lotus-0, lotus-1" });
  }
  return {
    matches: (name) => HELM_RELEASE.test(name) && (listed.has(name) || (regex?.test(name) ?? false)),
    describe: () => [...(listed.size ? [[...listed].join(", ")] : []), ...(options.pattern ? [`/${options.pattern}/`] : [])].join(" or "),
  };
}
