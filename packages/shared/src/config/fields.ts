import { z } from "zod";
import { ConfigError } from "../core/errors";
import { parseStoreUrl, type StoreUrl } from "../storage/store-url";
import { formatDuration, parseDuration } from "./duration";
import { parseSize } from "./size";

/** What parseInputs shows when a field is wrong: an example of a good value, and what the input is for. */
export interface FieldInfo {
  example?: string;
  description?: string;
}

/** Attaches an example (and a description) to a schema; parseInputs puts the example in its error. */
export function field<T extends z.ZodType>(schema: T, info: FieldInfo): T {
  return schema.meta({ ...info });
}

/**
 * The input name a nested parser is given inside a schema; parseInputs swaps in the real
 * input name, since zod does not tell a transform which key it is parsing.
 */
export const PENDING_INPUT = "\u0000input\u0000";

/** Custom-issue params that carry a ConfigError from a parser out of zod. */
export interface ConfigIssueParams {
  configError: ConfigError;
}

/** A zod schema from a string parser that throws ConfigError (parseDuration, parseStoreUrl, …). */
export function zParsed<T>(parse: (text: string, input: string) => T, example: string): z.ZodType<T, unknown> {
  return field(
    z.unknown().transform((value, ctx) => {
      if (value === undefined || value === null) {
        ctx.issues.push({ code: "custom", message: "is required", input: value });
        return z.NEVER;
      }
      const text = String(value);
      try {
        return parse(text, PENDING_INPUT);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        const params: ConfigIssueParams = { configError: error };
        ctx.issues.push({ code: "custom", message: error.message, input: value, params: { ...params } });
        return z.NEVER;
      }
    }),
    { example },
  );
}

const TRUE = new Set(["true", "on", "yes", "1"]);
const FALSE = new Set(["false", "off", "no", "0"]);

/** true/false, on/off, yes/no (any case), as GitHub inputs and CLI flags write booleans. */
export function zBool(): z.ZodType<boolean, unknown> {
  return zParsed((text, input) => {
    if (typeof text === "string") {
      const value = text.trim().toLowerCase();
      if (TRUE.has(value)) return true;
      if (FALSE.has(value)) return false;
    }
    throw new ConfigError(input, "is not a boolean (true/false, on/off, yes/no)", { value: text, example: "true" });
  }, "true");
}

/** A whole number within bounds. */
export function zInt(bounds: { min?: number; max?: number } = {}): z.ZodType<number, unknown> {
  const { min, max } = bounds;
  const example = String(min ?? (max !== undefined ? Math.min(max, 1) : 1));
  return zParsed((text, input) => {
    const value = text.trim();
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw new ConfigError(input, "is not a whole number", { value: text, example });
    }
    const n = Number(value);
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
      throw new ConfigError(input, `must be ${rangeText(min, max)}`, { value: text, example });
    }
    return n;
  }, example);
}

/** A duration ("30s", "6h", "1h30m") as milliseconds, optionally within bounds (in ms). */
export function zDuration(bounds: { min?: number; max?: number; example?: string } = {}): z.ZodType<number, unknown> {
  const typical = 6 * 3_600_000;
  const example = bounds.example ?? formatDuration(Math.min(Math.max(typical, bounds.min ?? typical), bounds.max ?? typical));
  return zParsed((text, input) => {
    const ms = parseDuration(text, input);
    if ((bounds.min !== undefined && ms < bounds.min) || (bounds.max !== undefined && ms > bounds.max)) {
      throw new ConfigError(input, `must be ${rangeText(bounds.min, bounds.max, formatDuration)}`, { value: text, example });
    }
    return ms;
  }, example);
}

/** A size ("512M", "1GiB", "1073741824") as bytes. */
export function zSize(): z.ZodType<number, unknown> {
  return zParsed(parseSize, "512M");
}

/** A bucket URL (gs://, s3://, file:///), parsed by storage's parseStoreUrl. */
export function zStoreUrl(): z.ZodType<StoreUrl, unknown> {
  return zParsed(parseStoreUrl, "gs://my-bucket/snapshots");
}

/** Parses an http(s) URL (Grafana, RPC endpoints, public base URLs), without a trailing slash. */
export function parseHttpUrl(text: string, input = "url", example = "https://grafana.example.com"): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch (cause) {
    throw new ConfigError(input, "is not a URL", { value: text, example, cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(input, "must be an http(s) URL", { value: text, example });
  if (url.username || url.password) throw new ConfigError(input, "must not carry credentials; pass them as their own secret input", { example });
  return url.href.replace(/\/+$/, "");
}

/** An http(s) URL, normalised without a trailing slash. */
export function zHttpUrl(example = "https://grafana.example.com"): z.ZodType<string, unknown> {
  return zParsed((text, input) => parseHttpUrl(text, input, example), example);
}

/**
 * A list written with commas and/or newlines (GitHub has no list inputs); blanks dropped.
 * With an item schema each entry is checked too.
 */
export function zList(item?: undefined, info?: FieldInfo): z.ZodType<string[], unknown>;
export function zList<T>(item: z.ZodType<T, unknown>, info?: FieldInfo): z.ZodType<T[], unknown>;
export function zList(item?: z.ZodType<unknown, unknown>, info: FieldInfo = {}): z.ZodType<unknown[], unknown> {
  const split = z.unknown().transform((value, ctx): unknown[] => {
    if (value === undefined || value === null) {
      ctx.issues.push({ code: "custom", message: "is required", input: value });
      return z.NEVER;
    }
    if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
    return String(value).split(/[,\n]/).map((v) => v.trim()).filter(Boolean);
  });
  const options = (item as { options?: unknown[] } | undefined)?.options;
  const example = info.example ?? (Array.isArray(options) ? options.slice(0, 2).join(",") : "a,b");
  const schema: z.ZodType<unknown[], unknown> = item ? split.pipe(z.array(item)) : split;
  return field(schema, { ...info, example });
}

/** A non-empty string matching a pattern, with the example shown when it does not. */
export function zPattern(pattern: RegExp, what: string, example: string): z.ZodType<string, unknown> {
  return zParsed((text, input) => {
    const value = text.trim();
    if (!pattern.test(value)) throw new ConfigError(input, `is not ${what}`, { value: text, example });
    return value;
  }, example);
}

function rangeText(min: number | undefined, max: number | undefined, show: (n: number) => string = String): string {
  if (min !== undefined && max !== undefined) return `between ${show(min)} and ${show(max)}`;
  if (min !== undefined) return `at least ${show(min)}`;
  return `at most ${show(max ?? 0)}`;
}
