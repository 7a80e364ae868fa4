import { tokenizeComment, type TokenizeOptions } from "./tokenize-comment";

/**
 * A ChatOps grammar is a table: the bot word, its commands, each command's argument
 * patterns and flags. Another bot is another table, not another parser.
 */
export interface ArgSpec {
  name: string;
  /** Shown in usage, e.g. "<release>". */
  placeholder?: string;
  /** Must match the whole word. A RegExp is anchored for you. */
  pattern: RegExp | ((value: string) => boolean);
  optional?: boolean;
}

export interface FlagSpec {
  /** e.g. "--force" */
  name: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  summary: string;
  /** The canonical argument order. Optional arguments may only trail. */
  args: ArgSpec[];
  /** Other accepted orders (e.g. a legacy bot's); used only where exactly one form matches. */
  alternateForms?: ArgSpec[][];
  flags?: FlagSpec[];
}

export interface Grammar {
  /** The command word, e.g. "/lotusbot". */
  word: string;
  commands: CommandSpec[];
  /** Tokenizer limits. */
  limits?: Omit<TokenizeOptions, "commandWord">;
}

export interface ParsedCommand {
  /** Canonical command name (aliases resolved). */
  name: string;
  args: Record<string, string>;
  flags: string[];
  /** 0 for the canonical order, n for alternateForms[n - 1]. */
  form: number;
}

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; reason: string };

function fullMatch(pattern: ArgSpec["pattern"], value: string): boolean {
  if (typeof pattern === "function") return pattern(value);
  const anchored = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ""));
  return anchored.test(value);
}

function matchForm(form: ArgSpec[], words: string[]): Record<string, string> | null {
  const required = form.filter((a) => !a.optional).length;
  if (words.length < required || words.length > form.length) return null;
  const args: Record<string, string> = {};
  for (const [index, word] of words.entries()) {
    const spec = form[index]!;
    if (!fullMatch(spec.pattern, word)) return null;
    args[spec.name] = word;
  }
  return args;
}

export function findCommand(grammar: Grammar, name: string): CommandSpec | undefined {
  return grammar.commands.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}

/** Tokenizes a comment body and matches it against the grammar. Never throws on user input. */
export function parseCommand(grammar: Grammar, body: string): ParseResult {
  const tokenized = tokenizeComment(body, { commandWord: grammar.word, ...grammar.limits });
  if (!tokenized.ok) return tokenized;
  const [name, ...rest] = tokenized.tokens;
  if (name === undefined) return { ok: false, reason: "no command given" };
  const spec = findCommand(grammar, name);
  if (!spec) return { ok: false, reason: `unknown command \`${name}\`` };

  const allowedFlags = new Set((spec.flags ?? []).map((f) => f.name));
  const flags: string[] = [];
  const words: string[] = [];
  for (const token of rest) {
    if (!token.startsWith("--")) {
      words.push(token);
      continue;
    }
    if (!allowedFlags.has(token)) return { ok: false, reason: `${spec.name} does not take the flag \`${token}\`` };
    if (flags.includes(token)) return { ok: false, reason: `the flag \`${token}\` is given twice` };
    flags.push(token);
  }

  const forms = [spec.args, ...(spec.alternateForms ?? [])];
  const matches = forms.map((form, index) => ({ index, args: matchForm(form, words) })).filter((m) => m.args !== null);
  if (matches.length === 0) return { ok: false, reason: `the arguments do not match ${usageLine(grammar, spec)}` };
  if (matches.length > 1) {
    // Prefer the canonical order only when every matching form reads the words the same way.
    const same = matches.every((m) => JSON.stringify(sortKeys(m.args!)) === JSON.stringify(sortKeys(matches[0]!.args!)));
    if (!same) return { ok: false, reason: `the arguments are ambiguous; use the order ${usageLine(grammar, spec)}` };
  }
  const chosen = matches[0]!;
  return { ok: true, command: { name: spec.name, args: chosen.args!, flags, form: chosen.index } };
}

function sortKeys(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

function placeholder(arg: ArgSpec): string {
  const text = arg.placeholder ?? `<${arg.name}>`;
  return arg.optional ? `[${text}]` : text;
}

/** One usage line, e.g. "/lotusbot upgrade <release> [ref] [--force]". */
export function usageLine(grammar: Grammar, spec: CommandSpec): string {
  const parts = [grammar.word, spec.name, ...spec.args.map(placeholder), ...(spec.flags ?? []).map((f) => `[${f.name}]`)];
  return parts.join(" ");
}

/** Markdown usage for a reply: every command, its aliases, flags and summary. */
export function formatUsage(grammar: Grammar): string {
  const lines = grammar.commands.map((spec) => {
    const aliases = spec.aliases?.length ? ` (alias: ${spec.aliases.map((a) => `\`${a}\``).join(", ")})` : "";
    return `- \`${usageLine(grammar, spec)}\`${aliases}: ${spec.summary}`;
  });
  const flags = grammar.commands.flatMap((c) => c.flags ?? []);
  const uniqueFlags = [...new Map(flags.map((f) => [f.name, f])).values()];
  const flagLines = uniqueFlags.map((f) => `- \`${f.name}\`: ${f.description}`);
  return [`Usage (first line of the comment only):`, ...lines, ...(flagLines.length ? ["", "Flags:", ...flagLines] : [])].join("\n");
}
