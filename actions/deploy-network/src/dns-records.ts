import type Cloudflare from "cloudflare";
import { UpstreamError, type Logger } from "@chainops/shared";
import type { PlannedRecord } from "./plan";

export interface DnsTarget {
  client: Cloudflare;
  zoneId: string;
  logger: Logger;
}

/** Marks the records deploy-network owns, so delete removes those and nothing else. */
export const recordComment = (network: string) => `chainops deploy-network ${network}`;

export interface DnsChange {
  name: string;
  type: string;
  action: "created" | "updated" | "unchanged" | "deleted";
}

function problem(error: unknown): string {
  const e = error as { status?: number; message?: string };
  return e.status ? `HTTP ${e.status}: ${e.message}` : (e.message ?? String(error));
}

/**
 * Makes each record exist once with this content (Cloudflare through the official SDK). Running
 * it twice changes nothing; a duplicate left by an earlier tool is removed.
 */
export async function upsertRecords(dns: DnsTarget, network: string, records: Array<PlannedRecord & { content: string }>): Promise<DnsChange[]> {
  const changes: DnsChange[] = [];
  for (const record of records) {
    try {
      const existing = [];
      for await (const found of dns.client.dns.records.list({ zone_id: dns.zoneId, name: { exact: record.name }, type: record.type })) existing.push(found);
      const body = { zone_id: dns.zoneId, name: record.name, type: record.type, content: record.content, proxied: record.proxied, ttl: 1, comment: recordComment(network) } as const;
      const [keep, ...extra] = existing;
      for (const duplicate of extra) await dns.client.dns.records.delete(duplicate.id, { zone_id: dns.zoneId });
      if (!keep) {
        await dns.client.dns.records.create(body);
        changes.push({ name: record.name, type: record.type, action: "created" });
      } else if (keep.content !== record.content || keep.proxied !== record.proxied || keep.comment !== body.comment) {
        await dns.client.dns.records.update(keep.id, body);
        changes.push({ name: record.name, type: record.type, action: "updated" });
      } else {
        changes.push({ name: record.name, type: record.type, action: extra.length ? "updated" : "unchanged" });
      }
    } catch (error) {
      throw new UpstreamError(`Cloudflare refused to set ${record.type} ${record.name}: ${problem(error)}`, {
        cause: error,
        hint: "Check cloudflare-zone-id and that the API token may edit DNS in that zone. The records already set stay; run again to finish.",
      });
    }
  }
  return changes;
}

/** Deletes every record deploy-network made for this network (by its comment). */
export async function removeNetworkRecords(dns: DnsTarget, network: string): Promise<DnsChange[]> {
  const changes: DnsChange[] = [];
  try {
    const mine = [];
    for await (const record of dns.client.dns.records.list({ zone_id: dns.zoneId, per_page: 100 })) {
      if (record.comment === recordComment(network)) mine.push(record);
    }
    for (const record of mine) {
      await dns.client.dns.records.delete(record.id, { zone_id: dns.zoneId });
      changes.push({ name: record.name, type: record.type, action: "deleted" });
    }
  } catch (error) {
    throw new UpstreamError(`Cloudflare refused to delete the records of ${network}: ${problem(error)}`, { cause: error, hint: "Check the API token's DNS edit permission; run delete again to finish." });
  }
  return changes;
}
