import type { z } from "zod";
import { ConfigError, isSecretInputName } from "../core/errors";
import { PENDING_INPUT, type ConfigIssueParams, type FieldInfo } from "./fields";

/** Raw inputs as adapters read them: action inputs or CLI flags, keyed by their kebab-case names. */
export type RawInputs = Readonly<Record<string, string | boolean | number | string[] | undefined>>;

export interface ParseInputsOptions {
  /** Input name per schema key when it is not the kebab-case of the key (minInterval → min-interval). */
  inputNames?: Readonly<Record<string, string>>;
}

/** minInterval → min-interval; already-kebab names stay as they are. */
export function inputNameOf(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, "-");
}

/**
 * Validates raw inputs against an object schema whose keys are camelCase. An empty string counts
 * as not set (GitHub passes "" for an input that was not given), so `.optional()`/`.default()` apply.
 * The first problem becomes one ConfigError naming the input, the bad value and a good example.
 */
export function parseInputs<S extends z.ZodObject>(schema: S, raw: RawInputs, options: ParseInputsOptions = {}): z.output<S> {
  const nameOf = (key: string) => options.inputNames?.[key] ?? inputNameOf(key);
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const name = nameOf(key);
    const value = raw[name] ?? raw[key];
    if (value !== undefined && value !== "") values[key] = value;
  }
  const result = schema.safeParse(values);
  if (result.success) return result.data;

  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? "");
  const input = key ? nameOf(key) : "inputs";
  const carried = (issue as { params?: Partial<ConfigIssueParams> }).params?.configError;
  if (carried instanceof ConfigError) throw renamed(carried, input, key ? values[key] : undefined);

  const fieldSchema = key ? (schema.shape as Record<string, z.ZodType>)[key] : undefined;
  const example = fieldSchema ? infoOf(fieldSchema).example : undefined;
  const value = key ? values[key] : undefined;
  const where = issue.path.length > 1 ? ` (${describePath(issue.path.slice(1))})` : "";
  const problem = value === undefined ? "is required" : `${lowerFirst(issue.message)}${where}`;
  throw new ConfigError(input, problem, { value, example });
}

/** The example/description of a field, looking through optional/default/pipe wrappers. */
export function infoOf(schema: z.ZodType): FieldInfo {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 8; depth++) {
    const meta = current.meta() as FieldInfo | undefined;
    if (meta?.example !== undefined || meta?.description !== undefined) return meta;
    const def: { innerType?: z.ZodType; in?: z.ZodType } = (current as unknown as { _zod: { def: { innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
    current = def.innerType ?? def.in;
  }
  return {};
}

// A parser inside the schema threw with a placeholder input name; give the error the real one
// (and hide the value if that name says it is a secret, as ConfigError would have).
function renamed(error: ConfigError, input: string, value: unknown): ConfigError {
  let message = error.message.split(PENDING_INPUT).join(input);
  if (isSecretInputName(input) && value !== undefined) {
    for (const shown of new Set([String(value), String(value).trim()])) {
      if (shown) message = message.split(JSON.stringify(shown)).join('"***"');
    }
  }
  const fixed = new ConfigError(input, "", { hint: error.hint, cause: error.cause });
  fixed.message = message;
  return fixed;
}

function describePath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `item ${p + 1}` : String(p))).join(", ");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
