import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { METRIC_UNITS, MetricsTextfile, parsePrevious, readPrevious } from "@chainops/shared/metrics";
import { describeWithTools } from "@chainops/testkit";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chainops-metrics-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ACTION = "test-action";
const P = "chainops_test_action";

function sample(): MetricsTextfile {
  const metrics = new MetricsTextfile({ action: ACTION });
  metrics
    .gauge(`${P}_last_success_timestamp_seconds`, "Unix time of the last published snapshot.")
    .set(1767225600, { network: "mainnet" })
    .set(1767222000, { network: "calibnet" });
  metrics.gauge(`${P}_size_bytes`, "Size of the last snapshot.\nStored bytes, after compression \\ zstd.").set(3.5e9, {
    network: 'main"net\\with\nnewline',
    kind: "latest",
  });
  metrics.counter(`${P}_uploads_total`, "Snapshots uploaded.").inc({ network: "mainnet" }).inc({ network: "mainnet" }, 2);
  metrics.gauge(`${P}_up_info`, "Whether the last run succeeded.").set(1);
  metrics.gauge(`${P}_weird_ratio`, "Special values.").set(NaN, { v: "nan" }).set(Infinity, { v: "inf" }).set(-Infinity, { v: "minf" });
  return metrics;
}

describe("MetricsTextfile.render", () => {
  it("writes HELP and TYPE, escapes help and labels, sorts families and series, no timestamps", () => {
    expect(sample().render()).toBe(
      [
        `# HELP ${P}_last_success_timestamp_seconds Unix time of the last published snapshot.`,
        `# TYPE ${P}_last_success_timestamp_seconds gauge`,
        `${P}_last_success_timestamp_seconds{network="calibnet"} 1767222000`,
        `${P}_last_success_timestamp_seconds{network="mainnet"} 1767225600`,
        `# HELP ${P}_size_bytes Size of the last snapshot.\\nStored bytes, after compression \\\\ zstd.`,
        `# TYPE ${P}_size_bytes gauge`,
        `${P}_size_bytes{kind="latest",network="main\\"net\\\\with\\nnewline"} 3500000000`,
        `# HELP ${P}_up_info Whether the last run succeeded.`,
        `# TYPE ${P}_up_info gauge`,
        `${P}_up_info 1`,
        `# HELP ${P}_uploads_total Snapshots uploaded.`,
        `# TYPE ${P}_uploads_total counter`,
        `${P}_uploads_total{network="mainnet"} 3`,
        `# HELP ${P}_weird_ratio Special values.`,
        `# TYPE ${P}_weird_ratio gauge`,
        `${P}_weird_ratio{v="inf"} +Inf`,
        `${P}_weird_ratio{v="minf"} -Inf`,
        `${P}_weird_ratio{v="nan"} NaN`,
        "",
      ].join("\n"),
    );
  });

  it("renders the same text whatever the order of calls", () => {
    const a = new MetricsTextfile({ action: ACTION });
    a.gauge(`${P}_b_bytes`, "b").set(1, { x: "1", y: "2" });
    a.gauge(`${P}_a_bytes`, "a").set(2);
    const b = new MetricsTextfile({ action: ACTION });
    b.gauge(`${P}_a_bytes`, "a").set(2);
    b.gauge(`${P}_b_bytes`, "b").set(1, { y: "2", x: "1" });
    expect(a.render()).toBe(b.render());
  });

  it("an empty file is empty, and a family without series is left out", () => {
    const m = new MetricsTextfile({ action: ACTION });
    expect(m.render()).toBe("");
    m.gauge(`${P}_unknown_bytes`, "Not known this run.");
    expect(m.render()).toBe("");
  });

  it("a compat gauge keeps another tool's name, with HELP and TYPE gauge", () => {
    const m = new MetricsTextfile({ action: ACTION });
    m.compatGauge("filcryo_height", "Lotus current epoch.").set(42, { network: "mainnet" });
    expect(m.render()).toBe('# HELP filcryo_height Lotus current epoch.\n# TYPE filcryo_height gauge\nfilcryo_height{network="mainnet"} 42\n');
  });
});

describe("the naming rules", () => {
  it.each([
    ["name that is not Prometheus'", (m: MetricsTextfile) => m.gauge("chainops-test-action-up-bytes", "x"), /not a valid Prometheus metric name/],
    ["recording-rule colon", (m: MetricsTextfile) => m.gauge(`${P}:sum_bytes`, "x"), /not a valid Prometheus metric name/],
    ["name without the action's prefix", (m: MetricsTextfile) => m.gauge("chainops_other_action_size_bytes", "x"), /must start with chainops_test_action_/],
    ["bare prefix", (m: MetricsTextfile) => m.counter(`${P}_`, "x"), /_total|must start/],
    ["gauge without a unit", (m: MetricsTextfile) => m.gauge(`${P}_head_height`, "x"), /must end in its unit \(seconds, bytes, epoch/],
    ["gauge ending in _total", (m: MetricsTextfile) => m.gauge(`${P}_exports_total`, "x"), /_total, which is for counters only/],
    ["counter without _total", (m: MetricsTextfile) => m.counter(`${P}_uploads`, "x"), /is a counter: it must end in _total/],
    ["family without HELP", (m: MetricsTextfile) => m.gauge(`${P}_size_bytes`, "  "), /needs a HELP text/],
    ["compat gauge without HELP", (m: MetricsTextfile) => m.compatGauge("filcryo_height", ""), /needs a HELP text/],
    ["compat gauge under a chainops name", (m: MetricsTextfile) => m.compatGauge(`${P}_height`, "x"), /is a chainops name/],
    ["bad label name", (m: MetricsTextfile) => m.gauge(`${P}_up_info`, "x").set(1, { "net-work": "a" }), /Invalid label name/],
    ["reserved label name", (m: MetricsTextfile) => m.gauge(`${P}_up_info`, "x").set(1, { __name__: "a" }), /Invalid label name/],
    ["counter going down", (m: MetricsTextfile) => m.counter(`${P}_uploads_total`, "x").inc({}, -1), /can only go up/],
  ])("refuses a %s", (_, misuse, message) => {
    expect(() => misuse(new MetricsTextfile({ action: ACTION }))).toThrow(message);
  });

  it("refuses an action name that cannot become a prefix", () => {
    expect(() => new MetricsTextfile({ action: "Export_Snapshot" })).toThrow(/Invalid action name/);
  });

  it("accepts every listed unit, and timestamps in seconds", () => {
    const m = new MetricsTextfile({ action: ACTION });
    for (const unit of METRIC_UNITS) m.gauge(`${P}_thing_${unit}`, "x").set(1);
    m.gauge(`${P}_last_run_timestamp_seconds`, "x").set(1);
    expect(m.render().match(/^# TYPE /gm)).toHaveLength(METRIC_UNITS.length + 1);
  });
});

describeWithTools(["promtool"], "promtool check metrics", ({ promtool }) => {
  const check = (text: string) => spawnSync(promtool!, ["check", "metrics"], { input: text, encoding: "utf8" });

  it("accepts the writer's output, escaping, special values and compat gauges included", () => {
    const m = sample();
    m.compatGauge("filcryo_export_duration", "Duration of the export step").set(12);
    const result = check(m.render());
    expect(result.stderr + result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  it("accepts a file with counters carried from a previous run", () => {
    const next = new MetricsTextfile({ action: ACTION, previous: parsePrevious(sample().render()) });
    next.counter(`${P}_uploads_total`, "Snapshots uploaded.").inc({ network: "calibnet" });
    expect(check(next.render()).status).toBe(0);
  });

  it("is a real check: it rejects a counter without _total", () => {
    const result = check("# HELP up_count x\n# TYPE up_count counter\nup_count 1\n");
    expect(result.status).not.toBe(0);
  });
});

describe("across runs", () => {
  it("continuing() + inc continues counting; untouched counters are kept; gauges are not carried", async () => {
    const path = join(dir, "chainops.prom");
    await sample().writeAtomic(path);

    const next = await MetricsTextfile.continuing(path, ACTION);
    next.counter(`${P}_uploads_total`, "Snapshots uploaded.").inc({ network: "mainnet" }).inc({ network: "calibnet" });
    const text = next.render();
    expect(text).toContain(`${P}_uploads_total{network="mainnet"} 4\n`);
    expect(text).toContain(`${P}_uploads_total{network="calibnet"} 1\n`);
    expect(text).not.toContain(`${P}_up_info`);

    const keep = new MetricsTextfile({ action: ACTION, previous: await readPrevious(path) });
    keep.gauge(`${P}_up_info`, "x").set(0);
    expect(keep.render()).toContain(`${P}_uploads_total{network="mainnet"} 3\n`);
    expect(keep.render()).toContain(`# HELP ${P}_uploads_total Snapshots uploaded.\n`);
  });

  it("a gauge declared with carry keeps the label sets this run does not set, and takes the ones it does", () => {
    const first = new MetricsTextfile({ action: ACTION });
    first.gauge(`${P}_duration_seconds`, "d").set(10, { kind: "tarball" }).set(20, { kind: "rolling" });
    const second = new MetricsTextfile({ action: ACTION, previous: parsePrevious(first.render()) });
    const carried = second.gauge(`${P}_duration_seconds`, "d", { carry: true });
    expect(carried.get({ kind: "tarball" })).toBe(10);
    carried.set(30, { kind: "rolling" });
    expect(carried.get({ kind: "rolling" })).toBe(30);
    expect(carried.get({ kind: "other" })).toBeUndefined();
    expect(second.render()).toContain(`${P}_duration_seconds{kind="rolling"} 30\n${P}_duration_seconds{kind="tarball"} 10\n`);
    const third = new MetricsTextfile({ action: ACTION, previous: parsePrevious(first.render()) });
    third.gauge(`${P}_duration_seconds`, "d").set(30, { kind: "rolling" });
    expect(third.render()).not.toContain("tarball");
  });

  it("a counter that breaks the rules (a renamed metric, another action's) is not carried", () => {
    const old = "# HELP chainops_filecoin_snapshot_export_failures_total old\n# TYPE chainops_filecoin_snapshot_export_failures_total counter\nchainops_filecoin_snapshot_export_failures_total 3\n";
    const next = new MetricsTextfile({ action: ACTION, previous: parsePrevious(old + sample().render()) });
    expect(next.render()).not.toContain("chainops_filecoin_snapshot");
    expect(next.render()).toContain(`${P}_uploads_total{network="mainnet"} 3\n`);
  });

  it("matches label sets with escaped values when carrying", () => {
    const first = new MetricsTextfile({ action: ACTION });
    first.counter(`${P}_odd_total`, "odd").inc({ path: 'a"b\\c\nd', z: "1" });
    const second = new MetricsTextfile({ action: ACTION, previous: parsePrevious(first.render()) });
    second.counter(`${P}_odd_total`, "odd").inc({ z: "1", path: 'a"b\\c\nd' });
    expect(second.render()).toBe(first.render().replace(/ 1\n$/, " 2\n"));
  });

  it("a missing previous file means nothing to carry", async () => {
    const previous = await readPrevious(join(dir, "absent.prom"));
    expect(previous.families.size).toBe(0);
  });
});

describe("writeAtomic", () => {
  it("writes mode 0644, creates the directory, and leaves no temp file", async () => {
    const path = join(dir, "textfile", "chainops.prom");
    await sample().writeAtomic(path);
    expect(readFileSync(path, "utf8")).toBe(sample().render());
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(readdirSync(join(dir, "textfile"))).toEqual(["chainops.prom"]);
  });

  it("replaces the file by rename: a reader of the old file still sees all of it", async () => {
    const path = join(dir, "chainops.prom");
    const old = new MetricsTextfile({ action: ACTION });
    old.gauge(`${P}_up_info`, "up").set(1);
    await old.writeAtomic(path);
    const before = statSync(path).ino;
    const reader = await open(path, "r");
    try {
      await sample().writeAtomic(path);
      expect(statSync(path).ino).not.toBe(before);
      expect((await reader.readFile("utf8"))).toBe(old.render());
      expect(readFileSync(path, "utf8")).toBe(sample().render());
    } finally {
      await reader.close();
    }
  });

  it("a concurrent reader never sees a partial file", async () => {
    const path = join(dir, "chainops.prom");
    const versions = [0, 1, 2].map((v) => {
      const m = new MetricsTextfile({ action: ACTION });
      // ~100 KB per version so a non-atomic write would be caught mid-way
      for (let i = 0; i < 1500; i++) m.gauge(`${P}_series_info`, "Many series.").set(v, { i: String(i), pad: "x".repeat(20) });
      return m;
    });
    await versions[0]!.writeAtomic(path);
    const stop = join(dir, "stop");
    const expected = new Set(versions.map((m) => m.render().length));
    // A separate process reads in a tight loop and reports any length that is not a whole version.
    const reader = spawn(process.execPath, [
      "-e",
      `const fs = require("fs"); process.stdout.write("ready\\n"); const ok = new Set(${JSON.stringify([...expected])}); let reads = 0, bad = 0;
       while (!fs.existsSync(${JSON.stringify(stop)})) { const n = fs.readFileSync(${JSON.stringify(path)}).length; reads++; if (!ok.has(n)) bad++; }
       process.stdout.write(JSON.stringify({ reads, bad }));`,
    ]);
    let out = "";
    const ready = new Promise<void>((resolve) => {
      reader.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.startsWith("ready\n")) resolve();
      });
    });
    await ready;
    for (let round = 0; round < 20; round++) await versions[round % 3]!.writeAtomic(path);
    writeFileSync(stop, "");
    await new Promise((resolve) => reader.on("close", resolve));
    const { reads, bad } = JSON.parse(out.slice("ready\n".length)) as { reads: number; bad: number };
    expect(reads).toBeGreaterThan(0);
    expect(bad).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["chainops.prom", "stop"]);
  });

  it("on failure leaves the old file and no temp file", async () => {
    const path = join(dir, "target.prom");
    mkdirSync(path); // rename onto a directory fails
    await expect(sample().writeAtomic(path)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["target.prom"]);
    expect(statSync(path).isDirectory()).toBe(true);
  });
});
