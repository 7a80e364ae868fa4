import type Cloudflare from "cloudflare";
import type { Clock, Logger } from "@chainops/shared";
import type { SpacemeshGateway } from "@chainops/shared/chains/spacemesh";
import type { GitHubRunCheck, LeaseHolder } from "@chainops/shared/lease";
import type { Slack } from "@chainops/shared/notify";
import type { ObjectStore } from "@chainops/shared/storage";
import type { SummaryReport } from "@chainops/shared/summary";
import type { OUTPUTS } from "./config";
import type { GkeClusters } from "./gke-cluster";
import type { Kube } from "./kube-client";

/** The clients run() is given; the adapters build them, tests pass testkit-backed ones. */
export interface RunDeps {
  store: ObjectStore;
  clock: Clock;
  logger: Logger;
  /** Opens the cluster (from the kubeconfig input); only operations that need it call it. */
  kube?: () => Kube;
  /** Cloudflare, when a token was given. */
  cloudflare?: Cloudflare;
  /** GKE's cluster manager, for cluster: gke. */
  gke?: GkeClusters;
  slack?: Slack;
  /** A node's JSON gateway client (default: createSpacemeshGateway). */
  gateway?: (url: string) => SpacemeshGateway;
  /** New key seeds (default random; tests pass fixed ones). */
  newSeed?: (secret: string) => Buffer;
  /** Who runs this, for the lease: "github run … on host" or "host pid n". */
  runId?: string;
  /** The lease holder (the adapter's: this process, with its GitHub run). */
  holder?: LeaseHolder;
  /** Asks GitHub whether a holder's run is over, so its lease is taken at once. */
  checkRun?: GitHubRunCheck;
  /** Set inside withNetworkLease: renews the network's lease (before each long phase). */
  renewLease?: () => Promise<void>;
  /** Environment for spawned tools (helm). */
  env?: NodeJS.ProcessEnv;
}

export type RunStatus = "done" | "failed" | "alert";

export interface RunResult {
  status: RunStatus;
  outputs: Partial<Record<(typeof OUTPUTS)[number], string>>;
  report: SummaryReport;
  /** Machine-readable result (the CLI's --json). */
  json: unknown;
}
