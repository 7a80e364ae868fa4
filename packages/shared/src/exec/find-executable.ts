import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { ConfigError } from "../core/errors";

/**
 * Resolves a CLI to an absolute path before anything starts, so a missing tool fails
 * with a ConfigError up front rather than half-way through a pipeline.
 */
export function findExecutable(
  name: string,
  options: { input?: string; pathEnv?: string; installHint?: string } = {},
): string {
  const input = options.input ?? name;
  const install = options.installHint ?? `install ${name} (e.g. apt-get install ${name}) or pass its full path`;
  if (name.includes("/")) {
    if (!isAbsolute(name)) throw new ConfigError(input, "must be an absolute path or a bare command name", { value: name, example: `/usr/local/bin/${name.split("/").pop()}` });
    if (isExecutableFile(name)) return name;
    throw new ConfigError(input, `${name} is not an executable file`, { value: name, hint: install });
  }
  const dirs = (options.pathEnv ?? process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  throw new ConfigError(input, `${name} was not found on PATH`, { value: name, hint: install });
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
