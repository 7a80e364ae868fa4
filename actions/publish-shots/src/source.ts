import { ConfigError, type Logger } from "@chainops/shared";
import type { DataDirLockHolder } from "@chainops/shared/chains/octez";
import type { PublishConfig } from "./config";

/** Where the tarball's data comes from. */
export type SourceKind = "copy" | "stop-node" | "snapshot-import";

export interface ResolvedSource {
  kind: SourceKind;
  /** Why, for the log and the job summary. */
  reason: string;
}

/**
 * Picks and checks the source before anything is written. auto takes the safest one that works
 * here: a data dir no running node holds is a quiescent copy (copy, no downtime); one a running
 * node holds gives a rolling tarball through snapshot-import (no downtime); stop-node, which stops
 * the node, is never picked unasked.
 */
export function resolveSource(config: PublishConfig, holder: DataDirLockHolder | null, logger: Logger): ResolvedSource {
  const held = holder ? `a running octez-node (pid ${holder.pid}) holds ${config.dataDir}/lock` : "";
  switch (config.source) {
    case "copy":
      if (holder?.sameFile) {
        throw new ConfigError("data-dir", `is not a quiescent copy: ${held}`, {
          value: config.dataDir,
          hint: "source: copy publishes a copy nothing runs on (a stopped node's data dir, a filesystem snapshot). For the live node's data dir use source: snapshot-import (rolling) or source: stop-node with node-service.",
        });
      }
      if (holder) logger.warning(`${config.dataDir}/lock names pid ${holder.pid}, a running process that holds a file with the same inode on another device: taken as a block-level copy of a running node's data dir (source: copy says so)`);
      return { kind: "copy", reason: "as set: data-dir is a quiescent copy, checked by running octez-node on it" };
    case "stop-node":
      return { kind: "stop-node", reason: `as set: ${config.nodeService} is stopped for the tarball and started again` };
    case "snapshot-import":
      return { kind: "snapshot-import", reason: "as set: the tarball is of a rolling snapshot exported from the live node and imported into a scratch data dir" };
    case "auto":
      if (!holder) return { kind: "copy", reason: "auto: no running node holds data-dir, so it is published as a quiescent copy (checked by running octez-node on it)" };
      if (config.historyMode === "rolling") return { kind: "snapshot-import", reason: `auto: ${held}, so the tarball is made from a rolling snapshot of it, imported into a scratch data dir` };
      throw new ConfigError("data-dir", `is held by a running node and an archive tarball needs a quiescent data dir: ${held}`, {
        value: config.dataDir,
        hint: `Set source: stop-node and node-service: <its systemd unit> to stop the node while it is tarred, or point data-dir at a copy (a filesystem snapshot: then set source: copy${holder?.sameFile ? "" : ", which also takes a block-level copy whose lock file still names the live node"}).`,
      });
  }
}
