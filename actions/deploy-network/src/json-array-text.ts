/**
 * Splits the text of a top-level JSON array into its elements' exact source text, so entries
 * we do not change are written back byte for byte (JSON.parse would round 20-digit numbers and
 * reorder nothing, but it would still re-serialize them). Throws on text that is not an array.
 */
export function splitJsonArray(text: string): string[] {
  const parsed: unknown = JSON.parse(text); // validates; the scan below then cannot go wrong
  if (!Array.isArray(parsed)) throw new SyntaxError("not a JSON array");
  const items: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      if (depth === 1 && start < 0) start = i;
    } else if (c === "[" || c === "{") {
      if (depth === 1 && start < 0) start = i;
      depth++;
    } else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0 && start >= 0) items.push(text.slice(start, i).trim());
    } else if (c === "," && depth === 1) {
      items.push(text.slice(start, i).trim());
      start = -1;
    } else if (depth === 1 && start < 0 && !/\s/.test(c)) {
      start = i;
    }
  }
  return items;
}

/** An array's text from element texts, one per line. */
export function joinJsonArray(items: string[]): string {
  return items.length ? `[\n  ${items.map((item) => item.replace(/\n/g, "\n  ")).join(",\n  ")}\n]\n` : "[]\n";
}
