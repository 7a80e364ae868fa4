import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { AbortedError, ConfigError, UpstreamError } from "../../core/errors";
import type { Logger } from "../../core/logger";
import { formatCommand, spawnChecked } from "../../exec/run-command";
import { createOctezRpc, type OctezRpc } from "./rpc-client";

export interface HeadlessNodeOptions {
  /** Absolute path of octez-node. */
  binary: string;
  dataDir: string;
  /** A config.json for this run, outside the data dir (so the data dir's own RPC and P2P settings are not used). */
  configFile: string;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** How long the node may take to answer RPC (a store copied from a live node is checked first). Default 30 min. */
  startupTimeoutMs?: number;
  /** How long it may take to shut down cleanly after SIGINT. Default 5 min. */
  stopTimeoutMs?: number;
}

const TAIL_LINES = 20;

/** octez-node's own words when another process holds the data dir (Lwt_lock_file's when_locked). */
const LOCKED = /Data directory is locked by another process/i;

/**
 * Runs `octez-node run` on a data dir with no peers and no network (RPC and P2P on free loopback
 * ports, private mode, no bootstrap peers, no connections), as xtz-shots' engine did to read what a
 * copied store holds: `fn` gets an RPC client for it. The node is stopped with SIGINT, and waited
 * for, before this returns, so the store is closed cleanly before anyone tars it.
 */
export async function withHeadlessNode<T>(options: HeadlessNodeOptions, fn: (rpc: OctezRpc) => Promise<T>): Promise<T> {
  const [rpcPort, netPort] = await freePorts(2);
  const url = `http://127.0.0.1:${rpcPort}`;
  const args = [
    "run",
    "--data-dir", options.dataDir,
    "--config-file", options.configFile,
    "--rpc-addr", `127.0.0.1:${rpcPort}`,
    "--net-addr", `127.0.0.1:${netPort}`,
    "--no-bootstrap-peers", "--private-mode", "--connections", "0",
    // Only for an identity it may have to create in a scratch dir; that file is never published.
    "--expected-pow", "0",
  ];
  options.logger.info(`Starting octez-node headless on ${options.dataDir} (no peers, RPC at ${url})`);
  const child = spawnChecked(options.binary, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const node = watch(child, options.logger);
  try {
    const rpc = createOctezRpc({ url, logger: options.logger, attempts: 1, timeoutMs: 10_000 });
    await waitUntilAnswering(rpc, node, options, args);
    return await fn(createOctezRpc({ url, logger: options.logger, attempts: 3 }));
  } finally {
    await stop(node, options, args);
  }
}

interface Watched {
  child: ChildProcess;
  tail: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>;
  done: boolean;
}

function watch(child: ChildProcess, logger: Logger): Watched {
  const tail: string[] = [];
  const onLine = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      logger.debug(`octez-node: ${line}`);
    }
  };
  child.stdout?.on("data", onLine);
  child.stderr?.on("data", onLine);
  const watched: Watched = { child, tail, done: false, exited: undefined as never };
  watched.exited = new Promise((resolve) => {
    child.once("error", (error) => {
      watched.done = true;
      resolve({ code: null, signal: null, error });
    });
    child.once("close", (code, signal) => {
      watched.done = true;
      resolve({ code, signal });
    });
  });
  return watched;
}

async function waitUntilAnswering(rpc: OctezRpc, node: Watched, options: HeadlessNodeOptions, args: string[]): Promise<void> {
  const deadline = performance.now() + (options.startupTimeoutMs ?? 30 * 60_000);
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw new AbortedError(`${formatCommand(options.binary, args)} was cancelled while starting`);
    if (node.done) throw exitedEarly(node, options, args, await node.exited);
    try {
      await rpc.header("head");
      return;
    } catch {
      // Not answering yet (the RPC server starts after the store is opened and checked).
    }
    if (performance.now() > deadline) {
      throw new UpstreamError(`octez-node run on ${options.dataDir} did not answer RPC within ${Math.round((options.startupTimeoutMs ?? 30 * 60_000) / 60_000)} min`, {
        hint: "The store may be large or damaged; see the node's log lines above (debug). Check the data dir with octez-node run by hand.",
      });
    }
    if (attempt % 30 === 29) options.logger.info(`Still waiting for the headless octez-node on ${options.dataDir} to answer RPC…`);
    await sleep(attempt < 50 ? 50 : 1000);
  }
}

function exitedEarly(node: Watched, options: HeadlessNodeOptions, args: string[], exit: { code: number | null; signal: NodeJS.Signals | null; error?: Error }): Error {
  if (exit.error) return new UpstreamError(`Cannot run ${options.binary}: ${exit.error.message}`, { cause: exit.error, hint: "Check the octez-node input (a path to the octez-node binary)." });
  const tail = node.tail.map((line) => `  | ${line}`).join("\n");
  if (node.tail.some((line) => LOCKED.test(line))) {
    return new ConfigError("data-dir", "is held by a running octez-node: octez-node run refused it (data directory locked by another process)", {
      value: options.dataDir,
      hint: "Publish a quiescent copy (a stopped node's data dir or a filesystem snapshot), or use source: stop-node or snapshot-import.",
    });
  }
  return new UpstreamError(`${formatCommand(options.binary, args)} exited with code ${exit.code ?? exit.signal} before answering RPC${tail ? `\n${tail}` : ""}`, {
    hint: "octez-node could not open this data dir: is it a complete octez-node data dir of a version this octez-node reads?",
  });
}

async function stop(node: Watched, options: HeadlessNodeOptions, args: string[]): Promise<void> {
  if (node.done) return;
  node.child.kill("SIGINT");
  const timeoutMs = options.stopTimeoutMs ?? 5 * 60_000;
  const timer = sleep(timeoutMs, "timeout" as const, { ref: false });
  const outcome = await Promise.race([node.exited.then(() => "exited" as const), timer]);
  if (outcome === "timeout") {
    node.child.kill("SIGKILL");
    await node.exited;
    throw new UpstreamError(`${formatCommand(options.binary, args)} did not stop within ${Math.round(timeoutMs / 1000)} s of SIGINT and was killed`, {
      hint: "Its store may not be closed cleanly, so nothing of it is published. Rerun; if it repeats, check the node's log.",
    });
  }
  options.logger.info(`Stopped the headless octez-node on ${options.dataDir}`);
}

/** Free TCP ports on 127.0.0.1 (the OS picks them; they stay free unless something else binds them in between). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}
