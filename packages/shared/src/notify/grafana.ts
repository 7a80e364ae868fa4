import type { Clock } from "../core/clock";
import { UpstreamError } from "../core/errors";
import type { Logger } from "../core/logger";
import { httpStatus, retry } from "../retry/retry";

export interface GrafanaOptions {
  /** Base URL of Grafana, e.g. https://grafana.example.com (a sub-path is kept). */
  url?: string;
  /** Service account token, sent as a Bearer token. */
  token?: string;
  logger: Logger;
  clock: Clock;
  timeoutMs?: number;
  /** Tries per annotation (5xx, 429 and network errors are retried with backoff on `clock`); default 3. */
  attempts?: number;
}

export interface Annotation {
  text: string;
  tags?: string[];
  /** Epoch ms; default now. */
  time?: number;
  /** Epoch ms; makes it a region annotation. */
  timeEnd?: number;
  /** Ties the annotation to a dashboard (and panel); without it, it is an organization annotation filtered by tags. */
  dashboardUID?: string;
  panelId?: number;
}

export interface Grafana {
  readonly configured: boolean;
  /** Adds an annotation; returns its id, or {} when off or failed. */
  annotate(annotation: Annotation): Promise<{ id?: number }>;
}

/**
 * Grafana annotations (POST /api/annotations) so dashboards show when a snapshot or deploy
 * happened. Optional: unconfigured is a notice once; failures are warnings.
 */
export function createGrafana(options: GrafanaOptions): Grafana {
  const { logger, clock } = options;
  const url = options.url?.trim();
  const token = options.token?.trim();
  if (token) logger.setSecret(token);
  if (!url || !token) {
    let told = false;
    return {
      configured: false,
      async annotate() {
        if (!told) {
          told = true;
          if (url || token) logger.warning(`Grafana is half configured: ${url ? "grafana-token" : "grafana-url"} is not set, so no annotations are added.`);
          else logger.notice("Grafana is not configured (grafana-url and grafana-token); skipping annotations.");
        }
        return {};
      },
    };
  }
  const endpoint = `${url.replace(/\/+$/, "")}/api/annotations`;

  return {
    configured: true,
    async annotate(annotation) {
      const body = {
        time: annotation.time ?? clock.now(),
        ...(annotation.timeEnd !== undefined ? { timeEnd: annotation.timeEnd } : {}),
        tags: annotation.tags ?? [],
        text: annotation.text,
        ...(annotation.dashboardUID ? { dashboardUID: annotation.dashboardUID } : {}),
        ...(annotation.panelId !== undefined ? { panelId: annotation.panelId } : {}),
      };
      try {
        const id = await retry(() => post(endpoint, token, body, options.timeoutMs ?? 10_000), {
          attempts: options.attempts ?? 3,
          baseMs: 1_000,
          maxMs: 5_000,
          clock,
          label: "Grafana annotation",
        });
        return id === undefined ? {} : { id };
      } catch (error) {
        const status = httpStatus(error);
        const reason = status === undefined ? `${(error as Error).message} (${endpoint})` : `${(error as Error).message}${grafanaHint(status)}`;
        logger.warning(`Grafana annotation was not added: ${reason}`);
        return {};
      }
    },
  };
}

async function post(endpoint: string, token: string, body: object, timeoutMs: number): Promise<number | undefined> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) {
    const status = response.status;
    throw Object.assign(new UpstreamError(`HTTP ${status} ${snippet(text)}`, { retryable: status === 429 || status >= 500 }), { status });
  }
  const parsed = parseJson(text) as { id?: unknown } | undefined;
  return typeof parsed?.id === "number" ? parsed.id : undefined;
}

function grafanaHint(status: number): string {
  if (status === 401) return " (the token is wrong or expired)";
  if (status === 403) return " (the service account needs the annotations:create permission, e.g. the Editor role)";
  if (status === 404) return " (check grafana-url: it should be the Grafana base URL)";
  return "";
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
