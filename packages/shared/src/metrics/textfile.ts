import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export type Labels = Readonly<Record<string, string | number | boolean>>;
export type MetricType = "gauge" | "counter";

/**
 * The units a gauge's name may end in (Prometheus base units, plus the chains' own height units).
 * Add one here when an action measures a new kind of quantity.
 */
export const METRIC_UNITS = [
  "seconds",
  "bytes",
  /** A Filecoin chain height. */
  "epoch",
  /** A number of Filecoin epochs (a window length, a lag). */
  "epochs",
  /** A Tezos block level. */
  "level",
  "ratio",
  /** A Spacemesh layer. */
  "layer",
  /** A number of connected peers. */
  "peers",
  /** A container's restart count as Kubernetes reports it (read, not counted by us). */
  "restarts",
  /** A 0/1 state: 1 when true (reachable, synced). */
  "bool",
  /** An info gauge: value 1, the facts are in its labels. */
  "info",
] as const;

interface Family {
  type: MetricType;
  help: string;
  /** Keyed by the rendered label set, so one series per label combination. */
  samples: Map<string, number>;
}

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ACTION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A gauge family: set a value per label set. */
export interface Gauge {
  set(value: number, labels?: Labels): Gauge;
  /** The value for a label set: set by this run, or carried from the previous file. */
  get(labels?: Labels): number | undefined;
}

/** A counter family: only goes up; carried over from the previous file. */
export interface Counter {
  inc(labels?: Labels, by?: number): Counter;
}

export interface TextfileOptions {
  /** The action writing the file (`export-snapshot`): every name starts with `chainops_export_snapshot_`. */
  action: string;
  /** The file's previous content (from readPrevious), for counters and carried gauges. */
  previous?: PreviousMetrics;
}

/**
 * A Prometheus textfile (for node_exporter's textfile collector) that enforces chainops' naming
 * rules: `chainops_<action>_…`, a unit at the end of every gauge's name, `_total` on counters and
 * only on counters, HELP on every family. Gauges and counters, escaped labels, no timestamps,
 * families and series in a stable order; counters keep counting across runs.
 *
 *     const file = await MetricsTextfile.continuing(path, "publish-shots");
 *     file.gauge("chainops_publish_shots_last_run_timestamp_seconds", "Unix time of the last run.").set(now, labels);
 *     file.counter("chainops_publish_shots_failures_total", "Runs that failed.").inc(labels, failed ? 1 : 0);
 *     await file.writeAtomic(path);
 */
export class MetricsTextfile {
  /** `chainops_<action>_`, with the action's dashes as underscores. */
  readonly prefix: string;
  private readonly families = new Map<string, Family>();
  private readonly previousGauges = new Map<string, ReadonlyMap<string, number>>();

  constructor(options: TextfileOptions) {
    if (!ACTION_NAME.test(options.action)) throw new Error(`Invalid action name ${JSON.stringify(options.action)} for a metrics textfile (e.g. "export-snapshot")`);
    this.prefix = `chainops_${options.action.replace(/-/g, "_")}_`;
    for (const [name, family] of options.previous?.families ?? []) {
      if (family.type === "gauge") this.previousGauges.set(name, family.samples);
      // A counter this version no longer names (renamed, or another action's) is dropped.
      else if (this.problemWith(name, "counter") === undefined) {
        this.families.set(name, { type: "counter", help: family.help, samples: new Map(family.samples) });
      }
    }
  }

  /** A textfile that continues the counters (and carried gauges) of the file at `path`, if there is one. */
  static async continuing(path: string, action: string): Promise<MetricsTextfile> {
    return new MetricsTextfile({ action, previous: await readPrevious(path) });
  }

  /**
   * A gauge family. With `carry`, the previous file's values stay for every label set this run
   * does not set (a "last publish duration" that a run with nothing to publish must not erase).
   */
  gauge(name: string, help: string, options: { carry?: boolean } = {}): Gauge {
    this.checkName(name, "gauge");
    return this.gaugeFamily(name, help, options.carry ?? false);
  }

  counter(name: string, help: string): Counter {
    this.checkName(name, "counter");
    const family = this.family(name, "counter", help);
    const counter: Counter = {
      inc: (labels = {}, by = 1) => {
        if (!(by >= 0)) throw new Error(`Counter ${name} can only go up (got ${by})`);
        const key = renderLabels(labels);
        family.samples.set(key, (family.samples.get(key) ?? 0) + by);
        return counter;
      },
    };
    return counter;
  }

  /**
   * A gauge under another tool's name, kept so its dashboards work during a migration
   * (export-snapshot's `filcryo_*`). Exempt from the naming rules except HELP; never a chainops name.
   */
  compatGauge(name: string, help: string): Gauge {
    if (!METRIC_NAME.test(name)) throw new Error(`Invalid metric name ${JSON.stringify(name)}`);
    if (name.startsWith("chainops_")) throw new Error(`Metric ${name} is a chainops name: declare it with gauge(), which checks the naming rules`);
    return this.gaugeFamily(name, help, false);
  }

  /** The text exposition format, families sorted by name and series by labels; a family without series is left out. */
  render(): string {
    const lines: string[] = [];
    for (const name of [...this.families.keys()].sort()) {
      const family = this.families.get(name)!;
      if (!family.samples.size) continue;
      lines.push(`# HELP ${name} ${escapeHelp(family.help)}`);
      lines.push(`# TYPE ${name} ${family.type}`);
      for (const labels of [...family.samples.keys()].sort()) {
        lines.push(`${name}${labels} ${formatValue(family.samples.get(labels)!)}`);
      }
    }
    return lines.length ? `${lines.join("\n")}\n` : "";
  }

  /** Writes the file so readers only ever see the old or the new content, never a partial one. */
  async writeAtomic(path: string): Promise<void> {
    await writeFileAtomic(path, this.render());
  }

  private gaugeFamily(name: string, help: string, carry: boolean): Gauge {
    const family = this.family(name, "gauge", help);
    if (carry) for (const [labels, value] of this.previousGauges.get(name) ?? []) if (!family.samples.has(labels)) family.samples.set(labels, value);
    const gauge: Gauge = {
      set: (value, labels = {}) => {
        family.samples.set(renderLabels(labels), value);
        return gauge;
      },
      get: (labels = {}) => family.samples.get(renderLabels(labels)),
    };
    return gauge;
  }

  private checkName(name: string, type: MetricType): void {
    const problem = this.problemWith(name, type);
    if (problem) throw new Error(`Metric name ${JSON.stringify(name)} ${problem}`);
  }

  /** Why a name breaks the naming rules, or undefined. */
  private problemWith(name: string, type: MetricType): string | undefined {
    if (!METRIC_NAME.test(name)) return "is not a valid Prometheus metric name (letters, digits, _; no colons outside recording rules)";
    if (!name.startsWith(this.prefix) || name.length === this.prefix.length) return `must start with ${this.prefix} (chainops_<action>_…)`;
    if (type === "counter") return name.endsWith("_total") ? undefined : "is a counter: it must end in _total";
    if (name.endsWith("_total")) return "ends in _total, which is for counters only";
    const unit = name.slice(name.lastIndexOf("_") + 1);
    return (METRIC_UNITS as readonly string[]).includes(unit) ? undefined : `must end in its unit (${METRIC_UNITS.join(", ")})`;
  }

  private family(name: string, type: MetricType, help: string): Family {
    if (!help.trim()) throw new Error(`Metric ${name} needs a HELP text`);
    // Counters end in _total and gauges never do, so a name keeps its type (carried or not).
    const existing = this.families.get(name);
    if (existing) {
      existing.help = help;
      return existing;
    }
    const family: Family = { type, help, samples: new Map() };
    this.families.set(name, family);
    return family;
  }
}

/**
 * Temp file in the same directory (same filesystem, so rename is atomic), mode 0644, fsync, rename.
 * The temp name does not end in .prom, so node_exporter never reads it half-written.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "w", 0o644);
    try {
      await handle.writeFile(content);
      await handle.chmod(0o644); // the umask may have narrowed the mode given to open()
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The families of a previous textfile, to carry counters (and gauges declared with carry) into this run's file. */
export interface PreviousMetrics {
  families: ReadonlyMap<string, { type: MetricType; help: string; samples: ReadonlyMap<string, number> }>;
}

/** Reads the file this job wrote last time; a missing file means nothing to carry. */
export async function readPrevious(path: string): Promise<PreviousMetrics> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { families: new Map() };
    throw error;
  }
  return parsePrevious(text);
}

/** Parses the subset of the text format this writer produces (HELP, TYPE, samples without timestamps). */
export function parsePrevious(text: string): PreviousMetrics {
  const types = new Map<string, string>();
  const helps = new Map<string, string>();
  const families = new Map<string, { type: MetricType; help: string; samples: Map<string, number> }>();
  for (const line of text.split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") types.set(meta[2]!, meta[3]!.trim());
      else helps.set(meta[2]!, unescapeHelp(meta[3]!));
      continue;
    }
    if (!line || line.startsWith("#")) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)/.exec(line);
    const type = sample && types.get(sample[1]!);
    if (type !== "counter" && type !== "gauge") continue;
    const value = parseValue(sample![3]!);
    if (value === undefined) continue;
    const name = sample![1]!;
    let family = families.get(name);
    if (!family) {
      family = { type, help: helps.get(name) ?? name, samples: new Map() };
      families.set(name, family);
    }
    // Re-render the labels so keys match what set()/inc() produce for the same label set.
    family.samples.set(renderLabels(parseLabels(sample![2] ?? "")), value);
  }
  return { families };
}

function renderLabels(labels: Labels): string {
  const names = Object.keys(labels).sort();
  if (!names.length) return "";
  for (const name of names) {
    if (!LABEL_NAME.test(name) || name.startsWith("__")) throw new Error(`Invalid label name ${JSON.stringify(name)}`);
  }
  return `{${names.map((n) => `${n}="${escapeLabelValue(String(labels[n]))}"`).join(",")}}`;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const match of text.matchAll(pair)) labels[match[1]!] = unescapeLabelValue(match[2]!);
  return labels;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function unescapeLabelValue(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function unescapeHelp(help: string): string {
  return help.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "\\" ? "\\" : `\\${c}`));
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function parseValue(text: string): number | undefined {
  if (text === "NaN") return NaN;
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
