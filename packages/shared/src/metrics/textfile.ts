import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export type Labels = Readonly<Record<string, string | number | boolean>>;
export type MetricType = "gauge" | "counter";

interface Family {
  type: MetricType;
  help: string;
  /** Keyed by the rendered label set, so one series per label combination. */
  samples: Map<string, number>;
  /** Carried from the previous file and not declared by this run (yet). */
  carried?: boolean;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A gauge family: set a value per label set. */
export interface Gauge {
  set(value: number, labels?: Labels): Gauge;
}

/** A counter family: only goes up; carried over from the previous file when given one. */
export interface Counter {
  inc(labels?: Labels, by?: number): Counter;
}

/**
 * A Prometheus textfile (for node_exporter's textfile collector): gauges and counters with
 * HELP and TYPE, escaped labels, no timestamps, families and series in a stable order.
 */
export class MetricsTextfile {
  private readonly families = new Map<string, Family>();

  /** `previous` (from readPrevious) seeds counters, so they keep counting across runs. */
  constructor(previous?: PreviousMetrics) {
    for (const [name, family] of previous?.counters ?? []) {
      this.families.set(name, { type: "counter", help: family.help, samples: new Map(family.samples), carried: true });
    }
  }

  /** A textfile that continues the counters of the file at `path` (if there is one). */
  static async continuing(path: string): Promise<MetricsTextfile> {
    return new MetricsTextfile(await readPrevious(path));
  }

  gauge(name: string, help: string): Gauge {
    const family = this.family(name, "gauge", help);
    const gauge: Gauge = {
      set: (value, labels = {}) => {
        family.samples.set(renderLabels(labels), value);
        return gauge;
      },
    };
    return gauge;
  }

  counter(name: string, help: string): Counter {
    if (!name.endsWith("_total")) throw new Error(`Counter ${name} must end in _total (Prometheus naming)`);
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

  /** Shorthand for a single gauge sample. */
  setGauge(name: string, help: string, value: number, labels?: Labels): this {
    this.gauge(name, help).set(value, labels);
    return this;
  }

  /** The text exposition format, families sorted by name and series by labels. */
  render(): string {
    const lines: string[] = [];
    for (const name of [...this.families.keys()].sort()) {
      const family = this.families.get(name)!;
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

  private family(name: string, type: MetricType, help: string): Family {
    if (!METRIC_NAME.test(name)) throw new Error(`Invalid metric name ${JSON.stringify(name)}`);
    const existing = this.families.get(name);
    // A carried counter that this version declares as a gauge is dropped, not an error: a
    // metric changing type between releases must not fail the run.
    if (existing && !(existing.carried && existing.type !== type)) {
      if (existing.type !== type) throw new Error(`Metric ${name} is already a ${existing.type}`);
      existing.help = help;
      existing.carried = false;
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

/** Counter families from a previous textfile, to carry their values into this run's file. */
export interface PreviousMetrics {
  counters: ReadonlyMap<string, { help: string; samples: ReadonlyMap<string, number> }>;
}

/** Reads the counters of the file this job wrote last time; a missing file means none. */
export async function readPrevious(path: string): Promise<PreviousMetrics> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { counters: new Map() };
    throw error;
  }
  return parsePrevious(text);
}

/** Parses the subset of the text format this writer produces (HELP, TYPE, samples without timestamps). */
export function parsePrevious(text: string): PreviousMetrics {
  const types = new Map<string, string>();
  const helps = new Map<string, string>();
  const counters = new Map<string, { help: string; samples: Map<string, number> }>();
  for (const line of text.split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") types.set(meta[2]!, meta[3]!.trim());
      else helps.set(meta[2]!, unescapeHelp(meta[3]!));
      continue;
    }
    if (!line || line.startsWith("#")) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)/.exec(line);
    if (!sample || types.get(sample[1]!) !== "counter") continue;
    const value = parseValue(sample[3]!);
    if (value === undefined) continue;
    const name = sample[1]!;
    let family = counters.get(name);
    if (!family) {
      family = { help: helps.get(name) ?? name, samples: new Map() };
      counters.set(name, family);
    }
    // Re-render the labels so keys match what inc() produces for the same label set.
    family.samples.set(renderLabels(parseLabels(sample[2] ?? "")), value);
  }
  return { counters };
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
