/** A table cell: plain text (escaped for you), a link, or code (hashes, keys, commands). */
export type Cell = string | number | boolean | null | undefined | { text: string; href: string } | { code: string };

type Part =
  | { kind: "heading"; text: string; level: number }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; headers: string[]; rows: Cell[][] }
  | { kind: "list"; items: Cell[] };

/**
 * The job summary every action writes: what it did, sizes, checksums, links, timings.
 * One report renders as GitHub markdown (core.summary.addRaw) and as plain text for the CLI.
 */
export class SummaryReport {
  private readonly parts: Part[] = [];

  heading(text: string, level = 2): this {
    this.parts.push({ kind: "heading", text, level: Math.min(Math.max(Math.trunc(level), 1), 6) });
    return this;
  }

  paragraph(text: string): this {
    this.parts.push({ kind: "paragraph", text });
    return this;
  }

  /** A two-column table of facts: network, height, size, sha256, duration… */
  keyValues(pairs: Record<string, Cell> | Array<[string, Cell]>, headers: [string, string] = ["Item", "Value"]): this {
    const rows = Array.isArray(pairs) ? pairs : Object.entries(pairs);
    return this.table(headers, rows.map(([key, value]) => [key, value]));
  }

  /** A table of rows, one per artifact/run/network; short rows are padded with empty cells. */
  table(headers: string[], rows: Cell[][]): this {
    this.parts.push({ kind: "table", headers, rows });
    return this;
  }

  list(items: Cell[]): this {
    this.parts.push({ kind: "list", items });
    return this;
  }

  /** A list of links (where to download, the dashboard, the run). */
  links(links: Array<{ text: string; url: string }>): this {
    return this.list(links.map((link) => ({ text: link.text, href: link.url })));
  }

  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  /** GitHub-flavoured markdown; every piece of user text is escaped. */
  toMarkdown(): string {
    const blocks = this.parts.map((part) => {
      switch (part.kind) {
        case "heading":
          return `${"#".repeat(part.level)} ${markdownText(part.text)}`;
        case "paragraph":
          return markdownText(part.text);
        case "list":
          return part.items.map((item) => `- ${markdownCell(item)}`).join("\n");
        case "table": {
          const width = Math.max(part.headers.length, ...part.rows.map((r) => r.length));
          const row = (cells: Cell[]) => `| ${pad(cells, width).map(markdownCell).join(" | ")} |`;
          return [row(part.headers), `|${" --- |".repeat(width)}`, ...part.rows.map(row)].join("\n");
        }
      }
    });
    return blocks.length ? `${blocks.join("\n\n")}\n` : "";
  }

  /** Plain text with aligned columns, for a terminal. */
  toText(): string {
    const blocks = this.parts.map((part) => {
      switch (part.kind) {
        case "heading":
          return part.level <= 2 ? `${part.text}\n${"=".repeat(part.text.length)}` : `${part.text}\n${"-".repeat(part.text.length)}`;
        case "paragraph":
          return part.text;
        case "list":
          return part.items.map((item) => `- ${plainCell(item)}`).join("\n");
        case "table":
          return textTable(part.headers, part.rows);
      }
    });
    return blocks.length ? `${blocks.join("\n\n")}\n` : "";
  }
}

function pad(cells: Cell[], width: number): Cell[] {
  return [...cells, ...Array<Cell>(Math.max(0, width - cells.length)).fill("")];
}

/** Escapes text for a markdown table cell or line: HTML, pipes, and markdown punctuation. */
export function markdownText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]~|#])/g, "\\$1")
    .replace(/\r?\n/g, "<br>");
}

function markdownCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "object") {
    if ("code" in cell) {
      // <code> rather than backticks: a backtick or pipe in the value cannot break out of it.
      const code = cell.code.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;").replace(/\r?\n/g, "<br>");
      return `<code>${code}</code>`;
    }
    const url = safeUrl(cell.href);
    return url ? `[${markdownText(cell.text)}](${url})` : markdownText(`${cell.text} (${cell.href})`);
  }
  return markdownText(String(cell));
}

// Only http(s) links; characters that would end the link target are percent-encoded.
function safeUrl(href: string): string | undefined {
  if (!/^https?:\/\//i.test(href)) return undefined;
  return href.replace(/[\s()<>|\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function plainCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "object") return "code" in cell ? cell.code : `${cell.text}: ${cell.href}`;
  return String(cell).replace(/\r?\n/g, " ");
}

function textTable(headers: string[], rows: Cell[][]): string {
  const width = Math.max(headers.length, ...rows.map((r) => r.length));
  const all = [pad(headers, width), ...rows.map((r) => pad(r, width))].map((r) => r.map(plainCell));
  const widths = Array.from({ length: width }, (_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const [head, ...body] = all;
  const showHeader = headers.some(Boolean);
  return [...(showHeader ? [line(head!), line(widths.map((w) => "-".repeat(w)))] : []), ...body.map(line)].join("\n");
}
