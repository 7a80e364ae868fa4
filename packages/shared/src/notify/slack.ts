import type { ErrorCode, LogLevel, Logger as SlackLogger, RetryOptions, WebClient } from "@slack/web-api";
import type { Logger } from "../core/logger";
import { networkErrorCode } from "../storage/network-errors";
import type { SlackBlock, SlackMessage } from "./blocks";

export interface SlackOptions {
  /** Bot token (xoxb-…); without it (or a channel) Slack is off. */
  token?: string;
  /** Channel ID or name to post to. */
  channel?: string;
  /** Base URL of the Web API (tests point it at a capture server); default https://slack.com/api/. */
  apiUrl?: string;
  logger: Logger;
  /** The SDK's retry policy; default: 3 retries with backoff (a notification is not worth a long wait). */
  retryConfig?: RetryOptions;
  /** Per-request timeout, default 10 s. */
  timeoutMs?: number;
}

export interface Slack {
  readonly configured: boolean;
  /** Posts a message; returns its ts (and channel ID) to update it later, or {} when off or failed. */
  post(message: SlackMessage & { threadTs?: string }): Promise<{ ts?: string; channel?: string }>;
  /** Replaces a message posted earlier. Returns whether Slack accepted it. */
  update(ts: string, message: SlackMessage): Promise<boolean>;
}

/** The SDK (~0.17 MB) loads with the first message, not with every bundle that might send one. */
let slackSdk: Promise<typeof import("@slack/web-api")> | undefined;
const loadSlackSdk = () => (slackSdk ??= import("@slack/web-api"));

const DEFAULT_RETRY: RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true };

/**
 * Slack through the official SDK. Notifying is never the operation itself: failures become
 * warnings with a hint, and an unconfigured Slack is a single notice and a no-op.
 */
export function createSlack(options: SlackOptions): Slack {
  const { logger } = options;
  const token = options.token?.trim();
  const channel = options.channel?.trim();
  if (token) logger.setSecret(token);
  if (!token || !channel) return unconfiguredSlack(logger, token ? "slack-channel" : channel ? "slack-token" : undefined);

  let client: Promise<WebClient> | undefined;
  const clientOf = () =>
    (client ??= loadSlackSdk().then(
      (sdk) =>
        new sdk.WebClient(token, {
          slackApiUrl: options.apiUrl ? withTrailingSlash(options.apiUrl) : undefined,
          retryConfig: options.retryConfig ?? DEFAULT_RETRY,
          timeout: options.timeoutMs ?? 10_000,
          logger: sdkLogger(logger, sdk.LogLevel.DEBUG),
          logLevel: sdk.LogLevel.DEBUG,
        }),
    ));
  // chat.update needs the channel ID that chat.postMessage answered with, not a #name.
  const channelOf = new Map<string, string>();

  // Slack refuses the whole message when one block is malformed; send the fallback text alone then.
  async function withoutBadBlocks<T>(message: SlackMessage, send: (blocks: SlackBlock[] | undefined) => Promise<T>): Promise<T> {
    try {
      return await send(message.blocks);
    } catch (error) {
      if (!message.blocks || !BLOCK_ERRORS.has(platformError(error) ?? "")) throw error;
      logger.warning(`Slack refused the message blocks (${platformError(error)}); sending the plain text instead`);
      return send(undefined);
    }
  }

  return {
    configured: true,
    async post(message) {
      try {
        const api = await clientOf();
        const result = await withoutBadBlocks(message, (blocks) =>
          api.chat.postMessage({
            channel,
            text: message.text,
            ...(blocks ? { blocks } : {}),
            ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
            unfurl_links: false,
          }),
        );
        if (result.ts && result.channel) channelOf.set(result.ts, result.channel);
        return { ts: result.ts, channel: result.channel };
      } catch (error) {
        logger.warning(`Slack message to ${channel} was not sent: ${slackProblem(error)}`);
        return {};
      }
    },
    async update(ts, message) {
      try {
        const api = await clientOf();
        await withoutBadBlocks(message, (blocks) =>
          api.chat.update({ channel: channelOf.get(ts) ?? channel, ts, text: message.text, ...(blocks ? { blocks } : {}) }),
        );
        return true;
      } catch (error) {
        logger.warning(`Slack message ${ts} was not updated: ${slackProblem(error)}`);
        return false;
      }
    },
  };
}

function unconfiguredSlack(logger: Logger, missing: string | undefined): Slack {
  let told = false;
  const tell = () => {
    if (told) return;
    told = true;
    if (missing) logger.warning(`Slack is half configured: ${missing} is not set, so no Slack messages are sent.`);
    else logger.notice("Slack is not configured (slack-token and slack-channel); skipping Slack messages.");
  };
  return {
    configured: false,
    async post() {
      tell();
      return {};
    },
    async update() {
      tell();
      return false;
    },
  };
}

const BLOCK_ERRORS = new Set(["invalid_blocks", "invalid_blocks_format"]);
// The SDK's error codes, as the strings they are (the enum is in the lazily loaded SDK; tsc checks them).
const PLATFORM_ERROR: `${ErrorCode.PlatformError}` = "slack_webapi_platform_error";
const REQUEST_ERROR: `${ErrorCode.RequestError}` = "slack_webapi_request_error";
const HTTP_ERROR: `${ErrorCode.HTTPError}` = "slack_webapi_http_error";
const RATE_LIMITED_ERROR: `${ErrorCode.RateLimitedError}` = "slack_webapi_rate_limited_error";

const PLATFORM_HINTS: Record<string, string> = {
  channel_not_found: "check the channel ID, and invite the bot to a private channel",
  not_in_channel: "invite the bot to the channel (/invite @bot)",
  invalid_auth: "the token is wrong or revoked; use the bot token (xoxb-…)",
  not_authed: "no token was sent; set slack-token",
  missing_scope: "give the Slack app the chat:write scope and reinstall it",
  account_inactive: "the token belongs to a deleted user or a disabled app",
  message_not_found: "the message to update was deleted or is in another channel",
};

function platformError(error: unknown): string | undefined {
  const coded = error as { code?: string; data?: { error?: string } };
  return coded.code === PLATFORM_ERROR ? coded.data?.error : undefined;
}

function slackProblem(error: unknown): string {
  const coded = error as { code?: string; statusCode?: number; message?: string };
  const platform = platformError(error);
  if (platform) {
    const hint = PLATFORM_HINTS[platform];
    return hint ? `${platform} (${hint})` : platform;
  }
  if (coded.code === REQUEST_ERROR) {
    const original = (error as { original?: unknown }).original;
    return `could not reach Slack (${networkErrorCode(original) ?? (original as Error | undefined)?.message ?? "request error"}); check the runner's network and proxy`;
  }
  if (coded.code === HTTP_ERROR) return `HTTP ${coded.statusCode ?? "error"} from Slack`;
  if (coded.code === RATE_LIMITED_ERROR) return "rate limited by Slack";
  return coded.message ?? String(error);
}

// The SDK's own log lines (retries, rate limits) go to debug; our warning says what matters.
function sdkLogger(logger: Logger, initial: LogLevel): SlackLogger {
  let level = initial;
  const line = (parts: unknown[]) => logger.debug(`slack: ${parts.map(String).join(" ")}`);
  return {
    debug: (...msg) => line(msg),
    info: (...msg) => line(msg),
    warn: (...msg) => line(msg),
    error: (...msg) => line(msg),
    setLevel: (next) => { level = next; },
    getLevel: () => level,
    setName: () => {},
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
