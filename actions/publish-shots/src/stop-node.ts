import { setTimeout as sleep } from "node:timers/promises";
import { ConfigError, describeError, UpstreamError, type Clock, type Logger } from "@chainops/shared";
import { findDataDirLockHolder } from "@chainops/shared/chains/octez";
import { formatDuration } from "@chainops/shared/config";
import { findExecutable, SystemdUnit } from "@chainops/shared/exec";

export interface NodeStopped<T> {
  result: T;
  /** From the stop command to the node's unit being started again. */
  downtimeMs: number;
}

/** How long the node's lock may outlive `systemctl stop` (a unit whose stop returns before the process exits). */
const LOCK_RELEASE_MS = 2 * 60_000;

/**
 * Before anything is written: systemctl is there and the unit runs. (A small "is this executable
 * present" check of its own; the shared preflight can take it over.)
 */
export async function prepareNodeUnit(args: { unit: string; pathEnv?: string; env?: NodeJS.ProcessEnv; logger: Logger }): Promise<SystemdUnit> {
  const systemctl = findExecutable("systemctl", { input: "source", pathEnv: args.pathEnv, installHint: "source: stop-node needs systemd's systemctl on the runner; use source: copy or snapshot-import without it." });
  const unit = new SystemdUnit({ systemctl, unit: args.unit, logger: args.logger, env: args.env });
  const state = await unit.state();
  if (state !== "active") {
    throw new ConfigError("node-service", `is ${state}, not active: stop-node stops a running node and starts it again afterwards`, {
      value: unit.name,
      hint: `Start it (systemctl start ${unit.name}) and rerun. A run killed while the node was stopped leaves it stopped.`,
    });
  }
  return unit;
}

/**
 * source: stop-node. Stops the node's unit, checks that this freed data-dir, runs `fn`, and starts
 * the unit again whatever happened (failure, cancellation), reporting how long the node was down.
 */
export async function withNodeStopped<T>(args: { unit: SystemdUnit; dataDir: string; clock: Clock; logger: Logger; signal?: AbortSignal }, fn: () => Promise<T>): Promise<NodeStopped<T>> {
  const { unit, logger, clock } = args;
  logger.notice(`Stopping ${unit.name} to tar its data dir; it is started again when the tarball is made`);
  const stoppedAt = clock.now();
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    await unit.stop(args.signal);
    await waitForLockRelease(args.dataDir, unit.name);
    outcome = { ok: true, value: await fn() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  let startError: unknown;
  try {
    await unit.start();
  } catch (error) {
    startError = error;
  }
  const downtimeMs = clock.now() - stoppedAt;
  if (startError !== undefined) {
    logger.error(`${unit.name} did NOT start again after ${formatDuration(downtimeMs)} down: ${describeError(startError)}`);
    const first = outcome.ok ? "" : ` (and the run had failed: ${describeError(outcome.error)})`;
    throw new UpstreamError(`${unit.name} was stopped for the tarball and did not start again${first}`, {
      cause: startError,
      hint: `The node is down: start it by hand (systemctl start ${unit.name}; see systemctl status ${unit.name}). Nothing was published.`,
    });
  }
  logger.notice(`${unit.name} was down for ${formatDuration(downtimeMs)} and is started again`);
  if (!outcome.ok) throw outcome.error;
  return { result: outcome.value, downtimeMs };
}

async function waitForLockRelease(dataDir: string, unitName: string): Promise<void> {
  const deadline = performance.now() + LOCK_RELEASE_MS;
  for (;;) {
    const holder = await findDataDirLockHolder(dataDir);
    if (!holder?.sameFile) return;
    if (performance.now() > deadline) {
      throw new ConfigError("node-service", `was stopped, but pid ${holder.pid} still holds ${dataDir}/lock`, {
        value: unitName,
        hint: "node-service must be the unit of the octez-node that runs on data-dir.",
      });
    }
    await sleep(200);
  }
}
