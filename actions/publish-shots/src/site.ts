import type { ObjectStore } from "@chainops/shared/storage";
import { joinKey } from "@chainops/shared/storage";
import { artifactKey, metadataKey } from "./artifact-names";
import { newestFirst, readBase, writeDerived, type BaseEntry } from "./indexes";
import { shellQuote } from "./shell-quote";
// The npm package of the chainops CLI: the site prints the commands people copy.
import { name as CLI_PACKAGE } from "../../../packages/cli/package.json";

/**
 * The static site: index.html (latest artifact per network/mode/type with copy-paste commands),
 * all.html (everything, newest first) and feed.xml (Atom). Plain files with relative links, so
 * they work from a bucket website, a CDN or file://.
 */
export interface SiteOptions {
  /** Key prefix the pages live under ("" = bucket root). */
  prefix: string;
  org: string;
  /** Absolute URL of tezos-snapshots.json, for `chainops shots fetch` commands. */
  indexUrl: string;
  /** Absolute URL of feed.xml (the Atom feed's id). */
  feedUrl: string;
}

export const SITE_PAGES = ["index.html", "all.html", "feed.xml"] as const;

function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}


/** A link from a page under `prefix` to an object key, relative so it works wherever the bucket is served. */
export function relativeHref(prefix: string, key: string): string {
  const depth = prefix.split("/").filter(Boolean).length;
  return `${"../".repeat(depth)}${key.split("/").map(encodeURIComponent).join("/")}`;
}

/** base.json may hold entries other tools wrote: only an http(s) URL becomes a link (no javascript: or data:). */
function linkableUrl(url: unknown): string {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : "#";
}

/** Our entries link relatively; entries other publishers wrote keep their absolute url if it is http(s). */
export function hrefOf(entry: BaseEntry, prefix: string, metadata = false): string {
  const key = artifactKey(String(entry.chain_name), String(entry.filename));
  const ours = typeof entry.url === "string" && entry.url.endsWith(`/${key}`);
  if (ours) return relativeHref(prefix, metadata ? metadataKey(key) : key);
  const url = linkableUrl(entry.url);
  return metadata && url !== "#" ? `${url}.json` : url;
}

function versionText(entry: BaseEntry): string {
  const v = entry.tezos_version?.version;
  if (!v) return "";
  const extra = v.additional_info;
  const suffix = extra === "release" || extra === undefined ? "" : typeof extra === "string" ? `~${extra}` : `~${Object.entries(extra as Record<string, unknown>).map(([k, n]) => `${k}${n}`).join("")}`;
  return `${entry.tezos_version.implementation ?? "octez"} ${v.major}.${v.minor}${suffix}`;
}

export function importCommands(entry: BaseEntry, indexUrl: string): string[] {
  const file = shellQuote(String(entry.filename));
  const url = shellQuote(String(entry.url));
  if (entry.artifact_type === "tezos-snapshot") {
    return [
      `curl -fL -o ${file} ${url}`,
      `echo ${shellQuote(`${entry.sha256}  ${entry.filename}`)} | sha256sum -c -`,
      `octez-node config init --network ${shellQuote(entry.chain_name)} --data-dir ~/.tezos-node`,
      `octez-node snapshot import ${file} --block ${shellQuote(entry.block_hash)} --data-dir ~/.tezos-node`,
    ];
  }
  return [
    `npx ${CLI_PACKAGE} shots fetch --index-url ${shellQuote(indexUrl)} --network ${shellQuote(entry.chain_name)} --history-mode ${shellQuote(entry.history_mode)} --artifact-type tarball --dest ~/.tezos-node`,
    `# npx runs the chainops CLI with only Node.js installed (or: npm install -g ${CLI_PACKAGE}); or by hand: download, check, extract`,
    `curl -fL -o ${file} ${url} && echo ${shellQuote(`${entry.sha256}  ${entry.filename}`)} | sha256sum -c - && lz4 -dc ${file} | tar -x -C ~/.tezos-node`,
  ];
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #d0d7de;padding:.4rem;text-align:left;vertical-align:top}
code,pre{font-family:ui-monospace,monospace;font-size:.85rem}pre{background:#f6f8fa;padding:.6rem;overflow-x:auto}
section.artifact{border:1px solid #d0d7de;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}.sha{word-break:break-all}`;

function page(title: string, body: string, feedHref: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="alternate" type="application/atom+xml" title="New snapshots" href="${escapeHtml(feedHref)}">
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The newest entry per network / history mode / artifact type. */
export function latestPerGroup(entries: BaseEntry[]): BaseEntry[] {
  const seen = new Set<string>();
  const latest: BaseEntry[] = [];
  for (const entry of [...entries].sort((a, b) => Number(b.block_height) - Number(a.block_height))) {
    const group = `${entry.chain_name}/${entry.history_mode}/${entry.artifact_type}`;
    if (seen.has(group)) continue;
    seen.add(group);
    latest.push(entry);
  }
  return latest.sort((a, b) => `${a.chain_name}/${a.history_mode}/${a.artifact_type}`.localeCompare(`${b.chain_name}/${b.history_mode}/${b.artifact_type}`));
}

export function renderIndexHtml(entries: BaseEntry[], options: SiteOptions): string {
  const latest = latestPerGroup(entries);
  const sections = latest.map((entry) => {
    const title = `${entry.chain_name} · ${entry.history_mode} · ${entry.artifact_type === "tarball" ? "tarball" : "rolling snapshot"}`;
    const rows: Array<[string, string]> = [
      ["Block", `${escapeHtml(entry.block_height)} <code>${escapeHtml(entry.block_hash)}</code>`],
      ["Block time", `<time datetime="${escapeHtml(entry.block_timestamp)}">${escapeHtml(entry.block_timestamp)}</time>`],
      ["Octez", escapeHtml(versionText(entry))],
      ["Size", `${escapeHtml(entry.filesize)} (${escapeHtml(entry.filesize_bytes)} bytes)`],
      ["sha256", `<code class="sha">${escapeHtml(entry.sha256)}</code>`],
      ...(entry.snapshot_version !== undefined ? [["Snapshot version", escapeHtml(entry.snapshot_version)] as [string, string]] : []),
    ];
    return `<section class="artifact" data-network="${escapeHtml(entry.chain_name)}" data-history-mode="${escapeHtml(entry.history_mode)}" data-artifact-type="${escapeHtml(entry.artifact_type)}">
<h2>${escapeHtml(title)}</h2>
<p><a class="download" href="${escapeHtml(hrefOf(entry, options.prefix))}">${escapeHtml(entry.filename)}</a> · <a class="metadata" href="${escapeHtml(hrefOf(entry, options.prefix, true))}">metadata</a></p>
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("")}</table>
<pre><code>${escapeHtml(importCommands(entry, options.indexUrl).join("\n"))}</code></pre>
</section>`;
  });
  const body = `<h1>Tezos snapshots</h1>
<p>Published by ${escapeHtml(options.org)}. Check the block hash against a source you trust before you import.
<a href="all.html">All artifacts</a> · <a href="tezos-snapshots.json">tezos-snapshots.json</a> · <a href="feed.xml">Atom feed</a></p>
${sections.length ? sections.join("\n") : "<p>Nothing published yet.</p>"}`;
  return page(`Tezos snapshots — ${options.org}`, body, "feed.xml");
}

export function renderAllHtml(entries: BaseEntry[], options: SiteOptions): string {
  const rows = newestFirst(entries).map(
    (entry) => `<tr><td>${escapeHtml(entry.chain_name)}</td><td>${escapeHtml(entry.history_mode)}</td><td>${escapeHtml(entry.artifact_type)}</td>` +
      `<td>${escapeHtml(entry.block_height)}</td><td><time datetime="${escapeHtml(entry.block_timestamp)}">${escapeHtml(entry.block_timestamp)}</time></td>` +
      `<td>${escapeHtml(entry.filesize)}</td><td><a href="${escapeHtml(hrefOf(entry, options.prefix))}">${escapeHtml(entry.filename)}</a></td>` +
      `<td><code class="sha">${escapeHtml(entry.sha256)}</code></td></tr>`,
  );
  const body = `<h1>All Tezos snapshots</h1>
<p><a href="index.html">Latest</a> · <a href="tezos-snapshots.json">tezos-snapshots.json</a> · <a href="feed.xml">Atom feed</a></p>
<table><thead><tr><th>Network</th><th>Mode</th><th>Type</th><th>Level</th><th>Block time</th><th>Size</th><th>File</th><th>sha256</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
  return page(`All Tezos snapshots — ${options.org}`, body, "feed.xml");
}

export function renderFeed(entries: BaseEntry[], options: SiteOptions): string {
  const sorted = newestFirst(entries);
  const updated = sorted[0]?.block_timestamp ?? "1970-01-01T00:00:00Z";
  const items = sorted.slice(0, 100).map((entry) => `  <entry>
    <title>${escapeHtml(`${entry.chain_name} ${entry.history_mode} ${entry.artifact_type} at level ${entry.block_height}`)}</title>
    <id>${escapeHtml(entry.url)}</id>
    <updated>${escapeHtml(entry.block_timestamp)}</updated>
    <link rel="enclosure" href="${escapeHtml(linkableUrl(entry.url))}" length="${escapeHtml(entry.filesize_bytes)}"/>
    <summary>${escapeHtml(`Block ${entry.block_hash}, ${entry.filesize}, sha256 ${entry.sha256}`)}</summary>
  </entry>`);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeHtml(`Tezos snapshots — ${options.org}`)}</title>
  <id>${escapeHtml(options.feedUrl)}</id>
  <updated>${escapeHtml(updated)}</updated>
  <author><name>${escapeHtml(options.org)}</name></author>
  <link rel="self" href="${escapeHtml(options.feedUrl)}"/>
${items.join("\n")}
</feed>
`;
}

const CONTENT_TYPES: Record<(typeof SITE_PAGES)[number], string> = {
  "index.html": "text/html; charset=utf-8",
  "all.html": "text/html; charset=utf-8",
  "feed.xml": "application/atom+xml",
};

/** Writes the pages from base.json, each with the converging derived-document write. */
export async function publishSite(store: ObjectStore, baseKey: string, options: SiteOptions): Promise<string[]> {
  const renderers = { "index.html": renderIndexHtml, "all.html": renderAllHtml, "feed.xml": renderFeed } as const;
  const keys: string[] = [];
  for (const name of SITE_PAGES) {
    const key = joinKey(options.prefix, name);
    await writeDerived(store, key, async () => renderers[name](await readBase(store, baseKey), options), { contentType: CONTENT_TYPES[name], cacheControl: "no-cache" });
    keys.push(key);
  }
  return keys;
}
