import type { CaptureRoute, CapturedRequest } from "./server";

/**
 * Slack Web API: chat.postMessage and chat.update answer {ok:true, channel, ts} as Slack does.
 * The SDK sends form bodies with blocks as a JSON string; slackPayload() decodes them.
 */
export function slackApi(options: { channelId?: string } = {}): CaptureRoute[] {
  const channelId = options.channelId ?? "C0123456789";
  let sequence = 0;
  return [
    {
      method: "POST",
      path: "/api/chat.postMessage",
      respond: (request) => {
        sequence++;
        const ts = `1767225600.${String(sequence).padStart(6, "0")}`;
        const payload = slackPayload(request);
        return { body: { ok: true, channel: channelId, ts, message: { type: "message", text: payload.text, ts } } };
      },
    },
    {
      method: "POST",
      path: "/api/chat.update",
      respond: (request) => {
        const payload = slackPayload(request);
        return { body: { ok: true, channel: payload.channel ?? channelId, ts: payload.ts, text: payload.text } };
      },
    },
  ];
}

/** A Slack error answer ({ok:false, error}) for one method, e.g. to test warnings. */
export function slackError(method: string, error: string, times?: number): CaptureRoute {
  return { method: "POST", path: `/api/${method}`, respond: { body: { ok: false, error } }, ...(times === undefined ? {} : { times }) };
}

/** The fields of a Slack API call, with JSON-encoded fields (blocks, attachments) decoded. */
export function slackPayload(request: CapturedRequest): Record<string, any> {
  const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<string, unknown>;
  const decoded: Record<string, any> = { ...body };
  for (const key of ["blocks", "attachments", "metadata"]) {
    const value = body[key];
    if (typeof value === "string") {
      try {
        decoded[key] = JSON.parse(value);
      } catch {
        // left as sent
      }
    }
  }
  return decoded;
}

/** Grafana: POST /api/annotations → {id, message}, ids counting from 1. */
export function grafanaApi(): CaptureRoute[] {
  let id = 0;
  return [{ method: "POST", path: "/api/annotations", respond: () => ({ body: { id: ++id, message: "Annotation added" } }) }];
}

export interface DnsRecord {
  id: string;
  name: string;
  type: string;
  content: string;
  ttl: number;
  proxied: boolean;
  comment?: string | null;
  [key: string]: unknown;
}

/**
 * Cloudflare v4 DNS records for any zone, kept in memory: list (filters name/type/content,
 * page/per_page with result_info), create, get, put, patch, delete — in the v4 envelope.
 * `records` is the live state, for assertions.
 */
export function cloudflareApi(options: { records?: DnsRecord[] } = {}): CaptureRoute[] & { records: DnsRecord[] } {
  const records: DnsRecord[] = options.records ? [...options.records] : [];
  let nextId = 0;
  const envelope = (result: unknown, extra: Record<string, unknown> = {}) => ({ body: { success: true, errors: [], messages: [], result, ...extra } });
  const notFound = () => ({ status: 404, body: { success: false, errors: [{ code: 81044, message: "Record does not exist." }], messages: [], result: null } });
  const find = (request: CapturedRequest) => records.findIndex((r) => r.id === request.params.id && r.zone_id === request.params.zone);
  const fields = (request: CapturedRequest) => (typeof request.body === "object" && request.body !== null ? (request.body as Record<string, unknown>) : {});
  const base = "/client/v4/zones/:zone/dns_records";

  const routes: CaptureRoute[] = [
    {
      method: "GET",
      path: base,
      respond: (request) => {
        const q = request.query;
        const name = q["name.exact"] ?? q.name;
        const content = q["content.exact"] ?? q.content;
        const matching = records.filter(
          (r) => r.zone_id === request.params.zone && (!name || r.name === name) && (!q.type || r.type === q.type) && (!content || r.content === content),
        );
        const perPage = Math.max(1, Number(q.per_page ?? 100));
        const page = Math.max(1, Number(q.page ?? 1));
        const result = matching.slice((page - 1) * perPage, page * perPage);
        const result_info = { page, per_page: perPage, count: result.length, total_count: matching.length, total_pages: Math.ceil(matching.length / perPage) };
        return envelope(result, { result_info });
      },
    },
    {
      method: "POST",
      path: base,
      respond: (request) => {
        const body = fields(request);
        if (typeof body.name !== "string" || typeof body.type !== "string") {
          return { status: 400, body: { success: false, errors: [{ code: 9000, message: "DNS record name and type are required" }], messages: [], result: null } };
        }
        const record: DnsRecord = {
          ttl: 1,
          proxied: false,
          content: "",
          ...body,
          name: body.name,
          type: body.type,
          id: `rec${String(++nextId).padStart(29, "0")}`,
          zone_id: request.params.zone,
          created_on: new Date(Date.UTC(2026, 0, 1)).toISOString(),
        };
        records.push(record);
        return envelope(record);
      },
    },
    {
      method: "GET",
      path: `${base}/:id`,
      respond: (request) => {
        const index = find(request);
        return index < 0 ? notFound() : envelope(records[index]);
      },
    },
    {
      path: `${base}/:id`,
      respond: (request) => {
        const index = find(request);
        if (index < 0) return notFound();
        const current = records[index]!;
        if (request.method === "DELETE") {
          records.splice(index, 1);
          return envelope({ id: current.id });
        }
        if (request.method === "PUT") {
          records[index] = { ttl: 1, proxied: false, name: current.name, type: current.type, content: "", ...fields(request), id: current.id, zone_id: current.zone_id } as unknown as DnsRecord;
          return envelope(records[index]);
        }
        if (request.method === "PATCH") {
          records[index] = { ...current, ...fields(request), id: current.id, zone_id: current.zone_id };
          return envelope(records[index]);
        }
        return { status: 405, body: { success: false, errors: [{ code: 10000, message: "method not allowed" }], messages: [], result: null } };
      },
    },
  ];
  return Object.assign(routes, { records });
}
