import type { Clock, Logger } from "@chainops/shared";
import type { GitHubRunCheck, LeaseHolder } from "@chainops/shared/lease";
import type { Slack } from "@chainops/shared/notify";
import type { ObjectStore, StoreOptions } from "@chainops/shared/storage";
import type { TransferProgress } from "@chainops/shared/stream";

/** What run() is given by its adapter (GitHub action, CLI, tests, demo). */
export interface RunDeps {
  logger: Logger;
  clock: Clock;
  signal?: AbortSignal;
  /** A store to use instead of opening config.bucket (tests). */
  store?: ObjectStore;
  storeOptions?: StoreOptions;
  /** PATH for zstd and lotus (default: the process PATH). */
  pathEnv?: string;
  /** Environment for child processes (lotus import). */
  env?: NodeJS.ProcessEnv;
  /** Names this run in the export lease when no holder is given, e.g. "demo". */
  runId: string;
  /** Who holds the export lease: this process, with its GitHub run (holderFromEnvironment). */
  holder?: LeaseHolder;
  /** Asks GitHub whether a lease holder's run is still going. */
  checkRun?: GitHubRunCheck;
  /** Link to this run for Slack messages. */
  runUrl?: string;
  /** Slack client; when absent one is made from slack-token/slack-channel. */
  slack?: Slack;
  /** Live progress for a terminal bar. */
  onProgress?: (progress: TransferProgress) => void;
  /** How often wait-sync polls (default 30 s). */
  pollIntervalMs?: number;
}
