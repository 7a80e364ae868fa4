#!/usr/bin/env node
// A fake `systemctl` for tests: `[--no-ask-password] is-active|stop|start <unit>` on units that run
// an octez-node on a data dir. An active unit is a process holding the kernel lock on
// <data-dir>/lock with its pid in the file, as a running octez-node does; stop ends it (and waits
// until the lock is free), start runs it again. Units and their state live in
// .systemctl-units.json beside this script; each call is appended to .systemctl.calls.jsonl.
// Test knob: FAKE_SYSTEMCTL_FAIL=stop,start makes that verb fail as a failed job does.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const stateFile = join(here, ".systemctl-units.json");
const argv = process.argv.slice(2);
appendFileSync(join(here, ".systemctl.calls.jsonl"), `${JSON.stringify(argv)}\n`);

const args = argv.filter((a) => a !== "--no-ask-password" && a !== "--quiet");
const [verb, unit] = args;
const state = JSON.parse(readFileSync(stateFile, "utf8"));
const save = () => writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Whether the kernel holds a lock on the file (its dev major:minor and inode in /proc/locks).
function locked(file) {
  if (!existsSync(file)) return false;
  const info = statSync(file, { bigint: true });
  const major = Number(((info.dev >> 8n) & 0xfffn) | ((info.dev >> 32n) & ~0xfffn));
  const minor = Number((info.dev & 0xffn) | ((info.dev >> 12n) & ~0xffn));
  return readFileSync("/proc/locks", "utf8").split("\n").some((line) => {
    const m = /^\d+:\s+\S+\s+\S+\s+\S+\s+-?\d+\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/i.exec(line);
    return m && Number.parseInt(m[1], 16) === major && Number.parseInt(m[2], 16) === minor && BigInt(m[3]) === info.ino;
  });
}

const known = state.units[unit];
if (!verb || !unit) {
  process.stderr.write("Too few arguments.\n");
  process.exit(1);
}
if (verb === "is-active") {
  const active = Boolean(known && alive(known.pid));
  process.stdout.write(`${active ? "active" : "inactive"}\n`);
  process.exit(active ? 0 : known ? 3 : 4);
}
if (verb !== "stop" && verb !== "start") {
  process.stderr.write(`Unknown command verb ${verb}.\n`);
  process.exit(1);
}
if (!known) {
  process.stderr.write(`Failed to ${verb} ${unit}: Unit ${unit} ${verb === "stop" ? "not loaded" : "not found"}.\n`);
  process.exit(5);
}
if ((process.env.FAKE_SYSTEMCTL_FAIL ?? "").split(",").includes(verb)) {
  process.stderr.write(`Job for ${unit} failed because the control process exited with error code.\nSee "systemctl status ${unit}" and "journalctl -xeu ${unit}" for details.\n`);
  process.exit(1);
}
const lockFile = join(known.dataDir, "lock");
if (verb === "stop") {
  if (alive(known.pid)) {
    process.kill(-known.pid, "SIGTERM");
    while (alive(known.pid) || locked(lockFile)) await sleep(20);
  }
  known.pid = null;
  known.stops = (known.stops ?? 0) + 1;
  save();
  process.exit(0);
}
if (alive(known.pid)) process.exit(0);
const child = spawn(state.flock, ["--nonblock", lockFile, "sleep", "86400"], { stdio: "ignore", detached: true });
child.unref();
for (let i = 0; i < 250 && !locked(lockFile); i++) {
  if (child.exitCode !== null) break;
  await sleep(20);
}
if (!locked(lockFile)) {
  process.stderr.write(`Job for ${unit} failed: octez-node could not lock ${known.dataDir}.\n`);
  process.exit(1);
}
writeFileSync(lockFile, String(child.pid));
known.pid = child.pid;
known.starts = (known.starts ?? 0) + 1;
save();
process.exit(0);
