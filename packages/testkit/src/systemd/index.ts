import { execFile, spawnSync } from "node:child_process";
import { chmod, copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface FakeSystemd {
  /** Path of the fake `systemctl`. */
  systemctl: string;
  /** argv of every call, in order. */
  calls(): Promise<string[][]>;
  /** Whether the unit's node runs, and how often it was stopped and started. */
  unit(name: string): Promise<{ active: boolean; pid: number | null; stops: number; starts: number }>;
  /** Ends every unit's process (test cleanup). */
  stopAll(): Promise<void>;
}

const script = fileURLToPath(new URL("./fake-systemctl.mjs", import.meta.url));

/**
 * Installs a fake `systemctl` into binDir whose units each run an octez-node on a data dir (a
 * process holding the data dir's lock). `flock` is util-linux flock's path; the units start active.
 */
export async function installFakeSystemctl(binDir: string, units: Record<string, { dataDir: string }>, flock: string): Promise<FakeSystemd> {
  await mkdir(binDir, { recursive: true });
  const systemctl = join(binDir, "systemctl");
  await copyFile(script, systemctl);
  await chmod(systemctl, 0o755);
  const stateFile = join(binDir, ".systemctl-units.json");
  const state = { flock, units: Object.fromEntries(Object.entries(units).map(([name, u]) => [name, { dataDir: u.dataDir, pid: null }])) };
  await writeFile(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  const read = async () => JSON.parse(await readFile(stateFile, "utf8")) as { units: Record<string, { pid: number | null; stops?: number; starts?: number }> };
  for (const name of Object.keys(units)) {
    await new Promise<void>((resolve, reject) => execFile(systemctl, ["start", name], (error) => (error ? reject(error) : resolve())));
  }
  return {
    systemctl,
    calls: async () => (await readFile(join(binDir, ".systemctl.calls.jsonl"), "utf8").catch(() => "")).split("\n").filter(Boolean).map((l) => JSON.parse(l) as string[]),
    async unit(name) {
      const u = (await read()).units[name]!;
      const active = spawnSync(systemctl, ["is-active", name]).status === 0;
      return { active, pid: u.pid, stops: u.stops ?? 0, starts: u.starts ?? 0 };
    },
    async stopAll() {
      for (const name of Object.keys((await read()).units)) spawnSync(systemctl, ["stop", name]);
    },
  };
}
