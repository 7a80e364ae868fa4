import * as core from "@actions/core";
import type { Logger } from "../core/logger";

/**
 * The Logger run() gets on GitHub: info lines, notice/warning/error annotations, core.group
 * for phases, and setSecret so a secret is masked in every later line.
 */
export function coreLogger(): Logger {
  return {
    debug: (message) => core.debug(message),
    info: (message) => core.info(message),
    notice: (message) => core.notice(message),
    warning: (message) => core.warning(message),
    error: (message) => core.error(message),
    group: (name, fn) => core.group(name, fn),
    setSecret: (secret) => {
      if (secret) core.setSecret(secret);
    },
  };
}
