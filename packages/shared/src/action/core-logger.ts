import * as core from "@actions/core";
import type { Logger } from "../core/logger";

/**
 * The Logger run() gets on GitHub: info lines, notice/warning/error annotations, core.group
 * for phases, and setSecret so a secret is masked in every later line.
 */
export function coreLogger(): Logger {
  // GitHub log groups do not nest: an inner group would end the outer one. Inner ones become a line.
  let depth = 0;
  return {
    debug: (message) => core.debug(message),
    info: (message) => core.info(message),
    notice: (message) => core.notice(message),
    warning: (message) => core.warning(message),
    error: (message) => core.error(message),
    group: async (name, fn) => {
      if (depth > 0) {
        core.info(`▸ ${name}`);
        return fn();
      }
      depth++;
      try {
        return await core.group(name, fn);
      } finally {
        depth--;
      }
    },
    setSecret: (secret) => {
      if (secret) core.setSecret(secret);
    },
  };
}
