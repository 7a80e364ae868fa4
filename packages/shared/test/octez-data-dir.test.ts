// Reading what an octez-node data dir holds: who holds its lock (/proc/locks), its config.json,
// and its head through octez-node run with no peers (against the fake octez-node).
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, ManualClock, RecordingLogger, UpstreamError } from "@chainops/shared";
import {
  deviceNumbers,
  findDataDirLockHolder,
  freshNodeConfig,
  historyModeName,
  parseProcLocks,
  readNodeConfig,
  withHeadlessNode,
} from "@chainops/shared/chains/octez";
import { createOctezDataDir, describeWithTools, holdDataDirLock, installFakeOctezNode, OctezSimChain } from "@chainops/testkit";

describe("octez-node data dirs", () => {
  let dir: string;
  let binary: string;
  let chain: OctezSimChain;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "octez-data-dir-"));
    binary = await installFakeOctezNode(join(dir, "bin"));
    chain = new OctezSimChain({ clock: new ManualClock(Date.UTC(2026, 5, 1)), network: "ghostnet", headLevel: 7000 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("parses /proc/locks as the kernel prints it (hex device numbers, decimal inode; waiters hold nothing)", () => {
    const text = [
      "1: POSIX  ADVISORY  WRITE 2434 08:06:1048593 0 EOF",
      "1: -> POSIX  ADVISORY  WRITE 2437 08:06:1048593 0 EOF",
      "2: FLOCK  ADVISORY  WRITE 2412 fe:00:2146449 0 EOF",
      "3: OFDLCK ADVISORY  READ  -1 00:1a:1028 0 EOF",
    ].join("\n");
    expect(parseProcLocks(text)).toEqual([
      { type: "POSIX", pid: 2434, major: 8, minor: 6, inode: 1048593n },
      { type: "FLOCK", pid: 2412, major: 254, minor: 0, inode: 2146449n },
      { type: "OFDLCK", pid: -1, major: 0, minor: 26, inode: 1028n },
    ]);
    expect(deviceNumbers(0xfe00n)).toEqual({ major: 0xfe, minor: 0 });
    expect(deviceNumbers(0x10300n)).toEqual({ major: 0x103, minor: 0 });
  });

  it("tells a held lock from a stale lock file, and a block-level copy of a held one from the held one", async () => {
    const data = join(dir, "locks");
    await createOctezDataDir(data, { size: 16 * 1024, chain });
    const info = await stat(join(data, "lock"), { bigint: true });
    const { major, minor } = deviceNumbers(info.dev);
    const hex = (n: number) => n.toString(16).padStart(2, "0");
    await writeFile(join(data, "lock"), "4242");
    const line = (pid: number, dev: string) => `1: POSIX  ADVISORY  WRITE ${pid} ${dev}:${info.ino} 0 EOF\n`;
    expect(await findDataDirLockHolder(data, "")).toBeNull();
    expect(await findDataDirLockHolder(data, line(4242, `${hex(major)}:${hex(minor)}`))).toEqual({ pid: 4242, sameFile: true });
    // Same inode number on another device, and the lock file names that pid: an LVM/ZFS snapshot of a held data dir.
    expect(await findDataDirLockHolder(data, line(4242, `${hex(major + 1)}:${hex(minor)}`))).toEqual({ pid: 4242, sameFile: false });
    expect(await findDataDirLockHolder(data, line(999, `${hex(major + 1)}:${hex(minor)}`))).toBeNull();
    expect(await findDataDirLockHolder(join(dir, "nowhere"), line(1, "00:00"))).toBeNull();
  });

  describeWithTools(["flock"], "with a process holding the lock", ({ flock }) => {
    it("finds it in the real /proc/locks, and octez-node run refuses the data dir as octez-node does", async () => {
      const data = join(dir, "held");
      await createOctezDataDir(data, { size: 16 * 1024, chain });
      const held = await holdDataDirLock(data, flock!);
      try {
        expect(await findDataDirLockHolder(data)).toEqual({ pid: held.pid, sameFile: true });
        const configFile = join(dir, "held-config.json");
        await writeFile(configFile, freshNodeConfig("ghostnet")!);
        const error = await withHeadlessNode({ binary, dataDir: data, configFile, logger: new RecordingLogger() }, async () => "ran").catch((e) => e);
        expect(error).toBeInstanceOf(ConfigError);
        expect(error.message).toContain("is held by a running octez-node: octez-node run refused it");
      } finally {
        await held.release();
      }
      expect(await findDataDirLockHolder(data)).toBeNull();
    });
  });

  it("reads config.json's network and history mode; a fresh config names only the network", async () => {
    const data = join(dir, "config");
    await createOctezDataDir(data, { size: 16 * 1024, chain, network: "ghostnet", historyMode: "archive" });
    expect(await readNodeConfig(data)).toMatchObject({ network: "ghostnet", historyMode: "archive", historyModeRaw: "archive" });
    expect(await readNodeConfig(join(dir, "nowhere"))).toBeNull();
    expect(freshNodeConfig("ghostnet")).toBe('{\n  "network": "ghostnet"\n}\n');
    expect(freshNodeConfig(undefined)).toBe("{}\n");
    expect(freshNodeConfig("weeklynet")).toBeNull();
    expect(JSON.parse(freshNodeConfig({ chain_name: "TEZOS_X", genesis: {} })!)).toEqual({ network: { chain_name: "TEZOS_X", genesis: {} } });
    expect(historyModeName({ rolling: { additional_cycles: 5 } })).toBe("rolling");
    expect(historyModeName("full")).toBe("full");
    expect(historyModeName({ rolling: {}, full: {} })).toBeUndefined();
  });

  it("runs octez-node headless on a data dir and reads its own head, then stops it", async () => {
    const data = join(dir, "headless");
    const made = await createOctezDataDir(data, { size: 16 * 1024, chain, network: "ghostnet", headLevel: 6990 });
    const configFile = join(dir, "headless-config.json");
    await writeFile(configFile, freshNodeConfig("ghostnet")!);
    const logger = new RecordingLogger();
    const read = await withHeadlessNode({ binary, dataDir: data, configFile, logger }, async (rpc) => ({
      head: await rpc.header("head"),
      final: await rpc.header("head~2"),
      version: await rpc.version(),
      mode: await rpc.historyMode(),
      url: rpc.url,
    }));
    expect(read.head).toMatchObject({ level: 6990, hash: made.head.hash, timestamp: chain.block(6990).timestamp });
    expect(read.final.hash).toBe(chain.block(6988).hash);
    expect(read.version.network_version.chain_name).toBe("TEZOS_ITHACANET_2022-01-25T15:00:00Z");
    expect(historyModeName(read.mode.history_mode)).toBe("rolling");
    expect(read.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Stopped: nothing answers there any more.
    await expect(fetch(`${read.url}/version`)).rejects.toThrow();
    expect(logger.messages("info").join("\n")).toContain(`Stopped the headless octez-node on ${data}`);
  });

  it("an octez-node that cannot open the data dir is an error with its last lines", async () => {
    const configFile = join(dir, "empty-config.json");
    await writeFile(configFile, "{}\n");
    const error = await withHeadlessNode({ binary, dataDir: join(dir, "not-a-data-dir"), configFile, logger: new RecordingLogger() }, async () => "ran").catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toMatch(/exited with code 1 before answering RPC\n {2}\| octez-node: Error:/);
  });
});
