import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MetricsTextfile, parsePrevious, readPrevious } from "@chainops/shared/metrics";
import { describeWithTools } from "@chainops/testkit";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chainops-metrics-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sample(): MetricsTextfile {
  const metrics = new MetricsTextfile();
  metrics
    .gauge("chainops_snapshot_last_success_timestamp_seconds", "Unix time of the last published snapshot.")
    .set(1767225600, { network: "mainnet" })
    .set(1767222000, { network: "calibnet" });
  metrics.gauge("chainops_snapshot_size_bytes", "Size of the last snapshot.\nStored bytes, after compression \\ zstd.").set(3.5e9, {
    network: 'main"net\\with\nnewline',
    kind: "latest",
  });
  metrics.counter("chainops_snapshot_uploads_total", "Snapshots uploaded.").inc({ network: "mainnet" }).inc({ network: "mainnet" }, 2);
  metrics.gauge("chainops_up", "Whether the last run succeeded.").set(1);
  metrics.gauge("chainops_weird_values", "Special values.").set(NaN, { v: "nan" }).set(Infinity, { v: "inf" }).set(-Infinity, { v: "minf" });
  return metrics;
}

describe("MetricsTextfile.render", () => {
  it("writes HELP and TYPE, escapes help and labels, sorts families and series, no timestamps", () => {
    expect(sample().render()).toBe(
      [
        "# HELP chainops_snapshot_last_success_timestamp_seconds Unix time of the last published snapshot.",
        "# TYPE chainops_snapshot_last_success_timestamp_seconds gauge",
        'chainops_snapshot_last_success_timestamp_seconds{network="calibnet"} 1767222000',
        'chainops_snapshot_last_success_timestamp_seconds{network="mainnet"} 1767225600',
        "# HELP chainops_snapshot_size_bytes Size of the last snapshot.\\nStored bytes, after compression \\\\ zstd.",
        "# TYPE chainops_snapshot_size_bytes gauge",
        'chainops_snapshot_size_bytes{kind="latest",network="main\\"net\\\\with\\nnewline"} 3500000000',
        "# HELP chainops_snapshot_uploads_total Snapshots uploaded.",
        "# TYPE chainops_snapshot_uploads_total counter",
        'chainops_snapshot_uploads_total{network="mainnet"} 3',
        "# HELP chainops_up Whether the last run succeeded.",
        "# TYPE chainops_up gauge",
        "chainops_up 1",
        "# HELP chainops_weird_values Special values.",
        "# TYPE chainops_weird_values gauge",
        'chainops_weird_values{v="inf"} +Inf',
        'chainops_weird_values{v="minf"} -Inf',
        'chainops_weird_values{v="nan"} NaN',
        "",
      ].join("\n"),
    );
  });

  it("renders the same text whatever the order of calls", () => {
    const a = new MetricsTextfile();
    a.gauge("b_metric", "b").set(1, { x: "1", y: "2" });
    a.gauge("a_metric", "a").set(2);
    const b = new MetricsTextfile();
    b.gauge("a_metric", "a").set(2);
    b.gauge("b_metric", "b").set(1, { y: "2", x: "1" });
    expect(a.render()).toBe(b.render());
  });

  it("an empty file is empty", () => {
    expect(new MetricsTextfile().render()).toBe("");
  });

  it.each([
    ["bad metric name", (m: MetricsTextfile) => m.gauge("chainops-up", "x")],
    ["bad label name", (m: MetricsTextfile) => m.gauge("chainops_up", "x").set(1, { "net-work": "a" })],
    ["reserved label name", (m: MetricsTextfile) => m.gauge("chainops_up", "x").set(1, { __name__: "a" })],
    ["counter without _total", (m: MetricsTextfile) => m.counter("chainops_uploads", "x")],
    ["counter going down", (m: MetricsTextfile) => m.counter("chainops_uploads_total", "x").inc({}, -1)],
    ["type change", (m: MetricsTextfile) => { m.gauge("chainops_x_total", "x"); m.counter("chainops_x_total", "x"); }],
  ])("refuses a %s", (_, misuse) => {
    expect(() => misuse(new MetricsTextfile())).toThrow();
  });
});

describeWithTools(["promtool"], "promtool check metrics", ({ promtool }) => {
  const check = (text: string) => spawnSync(promtool!, ["check", "metrics"], { input: text, encoding: "utf8" });

  it("accepts the writer's output, escaping and special values included", () => {
    const result = check(sample().render());
    expect(result.stderr + result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  it("accepts a file with counters carried from a previous run", () => {
    const next = new MetricsTextfile(parsePrevious(sample().render()));
    next.counter("chainops_snapshot_uploads_total", "Snapshots uploaded.").inc({ network: "calibnet" });
    expect(check(next.render()).status).toBe(0);
  });

  it("is a real check: it rejects a counter without _total", () => {
    const result = check("# HELP up_count x\n# TYPE up_count counter\nup_count 1\n");
    expect(result.status).not.toBe(0);
  });
});

describe("counters across runs", () => {
  it("readPrevious + inc continues counting; untouched counters are kept; gauges are not carried", async () => {
    const path = join(dir, "chainops.prom");
    await sample().writeAtomic(path);

    const next = await MetricsTextfile.continuing(path);
    next.counter("chainops_snapshot_uploads_total", "Snapshots uploaded.").inc({ network: "mainnet" }).inc({ network: "calibnet" });
    const text = next.render();
    expect(text).toContain('chainops_snapshot_uploads_total{network="mainnet"} 4\n');
    expect(text).toContain('chainops_snapshot_uploads_total{network="calibnet"} 1\n');
    expect(text).not.toContain("chainops_up ");

    const keep = new MetricsTextfile(await readPrevious(path));
    keep.gauge("chainops_up", "x").set(0);
    expect(keep.render()).toContain('chainops_snapshot_uploads_total{network="mainnet"} 3\n');
    expect(keep.render()).toContain("# HELP chainops_snapshot_uploads_total Snapshots uploaded.\n");
  });

  it("matches label sets with escaped values when carrying", () => {
    const first = new MetricsTextfile();
    first.counter("odd_total", "odd").inc({ path: 'a"b\\c\nd', z: "1" });
    const second = new MetricsTextfile(parsePrevious(first.render()));
    second.counter("odd_total", "odd").inc({ z: "1", path: 'a"b\\c\nd' });
    expect(second.render()).toBe(first.render().replace(/ 1\n$/, " 2\n"));
  });

  it("a carried counter that is now declared as a gauge is replaced, not an error", () => {
    const next = new MetricsTextfile(parsePrevious(sample().render()));
    next.gauge("chainops_snapshot_uploads_total", "Now a gauge.").set(5);
    expect(next.render()).toContain("# TYPE chainops_snapshot_uploads_total gauge\nchainops_snapshot_uploads_total 5\n");
    expect(() => next.counter("chainops_snapshot_uploads_total", "x")).toThrow(/already a gauge/);
  });

  it("a missing previous file means no counters", async () => {
    const previous = await readPrevious(join(dir, "absent.prom"));
    expect(previous.counters.size).toBe(0);
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
    const old = new MetricsTextfile().setGauge("chainops_up", "up", 1);
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
      const m = new MetricsTextfile();
      // ~100 KB per version so a non-atomic write would be caught mid-way
      for (let i = 0; i < 1500; i++) m.gauge("chainops_series", "Many series.").set(v, { i: String(i), pad: "x".repeat(20) });
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
