/**
 * Strict tokenizer for ChatOps comments. Only the first line counts; anything that is not
 * plain printable ASCII separated by spaces is refused before a grammar ever sees it, so
 * control characters, zero-width and look-alike unicode, shell metacharacters and quoting
 * cannot smuggle meaning into a command.
 */
export interface TokenizeOptions {
  /** The bot word the line must start with, e.g. "/lotusbot". */
  commandWord: string;
  /** Whole comment bodies longer than this are refused (default 4096 characters). */
  maxBodyLength?: number;
  /** The command line itself may not be longer (default 200 characters). */
  maxLineLength?: number;
  /** At most this many words after the command word (default 8). */
  maxTokens?: number;
}

export type TokenizeResult = { ok: true; tokens: string[] } | { ok: false; reason: string };

export const DEFAULT_MAX_BODY_LENGTH = 4096;
export const DEFAULT_MAX_LINE_LENGTH = 200;
export const DEFAULT_MAX_TOKENS = 8;

/** A word: starts with a letter or digit (or `--` for a flag) and holds only safe characters. */
const TOKEN = /^(?:--)?[A-Za-z0-9][A-Za-z0-9._/@+-]{0,127}$/;
const PRINTABLE_ASCII_LINE = /^[\x20-\x7e]*$/;

/** Returns the words after the command word, or why the comment is refused. */
export function tokenizeComment(body: string, options: TokenizeOptions): TokenizeResult {
  const maxBody = options.maxBodyLength ?? DEFAULT_MAX_BODY_LENGTH;
  const maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (body.length > maxBody) return { ok: false, reason: `the comment is longer than ${maxBody} characters` };

  const newline = body.indexOf("\n");
  let line = newline === -1 ? body : body.slice(0, newline);
  if (line.endsWith("\r")) line = line.slice(0, -1);
  line = line.replace(/ +$/, "");
  if (line.length > maxLine) return { ok: false, reason: `the command line is longer than ${maxLine} characters` };

  if (!PRINTABLE_ASCII_LINE.test(line)) {
    const bad = [...line].find((ch) => !PRINTABLE_ASCII_LINE.test(ch)) ?? "";
    const code = bad.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0") ?? "????";
    return { ok: false, reason: `the command line contains U+${code}; only plain ASCII letters, digits and . _ / @ + - are allowed` };
  }

  const words = line.split(/ +/).filter((w) => w.length > 0);
  if (words[0] !== options.commandWord) return { ok: false, reason: `the comment does not start with ${options.commandWord}` };
  const tokens = words.slice(1);
  if (tokens.length > maxTokens) return { ok: false, reason: `too many words (at most ${maxTokens} after ${options.commandWord})` };
  for (const [index, token] of tokens.entries()) {
    if (!TOKEN.test(token)) {
      return { ok: false, reason: `word ${index + 1} is not allowed: words start with a letter or digit and contain only letters, digits and . _ / @ + -` };
    }
  }
  return { ok: true, tokens };
}
