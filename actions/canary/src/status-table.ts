import { isLeaseActive, type LeaseDocument } from "./leases";

/** Markdown table of canaries: busy/free, owner, since, ref, PR, lease expiry. Releases never leased show as free. */
export function formatStatusTable(leases: LeaseDocument[], releases: string[], now: number): string {
  const byRelease = new Map(leases.map((l) => [l.release, l]));
  const names = [...new Set([...releases, ...byRelease.keys()])].sort();
  if (names.length === 0) return "No canaries are known yet.";
  const rows = names.map((name) => {
    const lease = byRelease.get(name);
    const busy = isLeaseActive(lease, now);
    const cell = (value: unknown) => (value === undefined || value === null || value === "" ? "–" : `\`${String(value)}\``);
    return [
      `\`${name}\``,
      busy ? "busy" : lease?.state === "busy" ? "free (lease expired)" : "free",
      busy ? lease!.owner : "–",
      busy ? cell(lease!.since) : "–",
      cell(lease?.ref),
      lease?.pr ? (lease.prUrl ? `[#${lease.pr}](${lease.prUrl})` : `#${lease.pr}`) : "–",
      busy ? cell(lease!.expiresAt) : "–",
    ];
  });
  return [
    "| canary | state | owner | since | ref | PR | lease expires |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
