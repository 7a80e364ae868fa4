import type { LotusClient } from "@chainops/shared/chains/lotus";
import { bucketWritableCheck, directoryCheck, executableCheck, lotusNetworkCheck, lotusTokenCheck, streamToolCheck, type PreflightCheck } from "@chainops/shared/preflight";
import type { ObjectStore } from "@chainops/shared/storage";
import type { ExportSnapshotConfig } from "./config";
import type { RunDeps } from "./deps";

/**
 * What a run of this mode needs, checked before its first long step and before the export lease
 * (each check is a lookup or one small request). The network check comes first: every mode that
 * talks to the node names its manifests, lease and metrics after it.
 */
export function nodeModeChecks(config: ExportSnapshotConfig, deps: RunDeps, lotus: LotusClient, nodeNetwork: string, store: ObjectStore | undefined): PreflightCheck[] {
  const checks = [lotusNetworkCheck({ configured: config.network, nodeNetwork, node: lotus.node })];
  if (config.mode !== "export") return checks;
  checks.push(
    streamToolCheck("zstd", { purpose: "compresses each CAR", pathEnv: deps.pathEnv }),
    lotusTokenCheck({ lotus, need: "admin", purpose: "ChainExportRangeInternal, which writes the CAR, is an admin method" }),
  );
  if (config.exportDir) checks.push(directoryCheck({ path: config.exportDir, input: "export-dir", purpose: "receives the CAR Lotus writes, which is deleted after upload", writable: true }));
  if (store) checks.push(bucketWritableCheck({ store, folder: config.prefix, clock: deps.clock }));
  return checks;
}

/** Restore downloads for minutes to hours before it imports: the tools it ends with are checked first. */
export function restoreChecks(config: ExportSnapshotConfig, deps: RunDeps): PreflightCheck[] {
  const checks = [
    streamToolCheck("zstd", { purpose: "decompresses the snapshot", pathEnv: deps.pathEnv }),
    executableCheck({ command: config.lotusBin, input: "lotus-bin", purpose: "imports the snapshot", pathEnv: deps.pathEnv, installHint: "Install Lotus on the runner or set lotus-bin to its full path." }),
  ];
  if (config.daemonService) checks.push(executableCheck({ command: "systemctl", input: "daemon-service", purpose: `starts ${config.daemonService} after the import`, pathEnv: deps.pathEnv }));
  return checks;
}
