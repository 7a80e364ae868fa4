// What a PromQL expression reads, for the monitoring tests: the series names and the label names of
// their matchers. A small scanner for the expressions we ship, not a PromQL parser (promtool parses).

const KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"]);

export interface SeriesReference {
  name: string;
  /** Label names of its matchers: `network` in `x{network=~"$network"}`. */
  labels: string[];
}

/** Every series an expression selects (functions, keywords, numbers and durations are not series). */
export function seriesIn(expr: string): SeriesReference[] {
  const refs: SeriesReference[] = [];
  // Label matchers first (their values are strings that may hold anything), then the rest.
  const withoutMatchers = expr.replace(/([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\}/g, (_, name: string | undefined, body: string) => {
    const labels = [...body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1]!);
    if (name && !KEYWORDS.has(name)) refs.push({ name, labels });
    return " ";
  });
  const rest = withoutMatchers
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  for (const match of rest.matchAll(/\d[\w.]*|[a-zA-Z_:][a-zA-Z0-9_:]*(\s*\()?/g)) {
    const token = match[0];
    if (/^\d/.test(token) || match[1] || KEYWORDS.has(token)) continue;
    refs.push({ name: token, labels: [] });
  }
  return refs;
}

/** Grafana's variables replaced by values promtool accepts, so a panel's query parses as PromQL. */
export function withGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__range\b/g, "7d")
    .replace(/\$__rate_interval\b/g, "5m")
    .replace(/\$__interval\b/g, "1m")
    .replace(/\$\{?(network|history_mode)\}?/g, ".+");
}

/** The anchor GitHub gives a Markdown heading: lowercase, punctuation dropped, spaces to hyphens. */
export function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of every heading of a Markdown document (outside code blocks). */
export function markdownAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inCode = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) inCode = !inCode;
    const heading = !inCode && /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
    if (heading) anchors.add(githubAnchor(heading[1]!.replace(/`/g, "")));
  }
  return anchors;
}
