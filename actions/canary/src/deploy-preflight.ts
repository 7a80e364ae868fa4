import { bucketWritableCheck, executableCheck, type PreflightCheck } from "@chainops/shared/preflight";
import type { CanaryCommand } from "./grammar";
import type { HelmTarget } from "./helm";
import type { LeaseStore } from "./leases";

/**
 * What a deploying command needs, checked before its lease is taken: helm (and kubectl for the
 * commands that remove volumes) where the run will spawn them, and a lease store that takes writes.
 */
export function deployChecks(command: CanaryCommand, target: HelmTarget, leases: LeaseStore, takesLease: boolean): PreflightCheck[] {
  const pathEnv = target.env?.PATH;
  const checks = [executableCheck({ command: target.helm, input: "helm", purpose: `runs the ${command}`, pathEnv, installHint: "Install helm on the runner (https://helm.sh/docs/intro/install/) or set helm to its full path." })];
  if (command === "install-snapshot" || command === "delete") {
    checks.push(executableCheck({ command: target.kubectl, input: "kubectl", purpose: "removes the release's volumes", pathEnv, installHint: "Install kubectl on the runner or set kubectl to its full path." }));
  }
  if (takesLease) checks.push(bucketWritableCheck({ store: leases.store, folder: leases.prefix, input: "store", clock: leases.clock }));
  return checks;
}
