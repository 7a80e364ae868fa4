/**
 * A small Block Kit builder for the messages chainops posts: header, section with fields,
 * context, link buttons. Texts are cut to Slack's limits so a long value never makes Slack
 * reject the whole message.
 */
export interface SlackBlock {
  type: string;
  [key: string]: unknown;
}

/** What chat.postMessage / chat.update receive: blocks for people, text for notifications and old clients. */
export interface SlackMessage {
  text: string;
  blocks?: SlackBlock[];
}

// Limits from the Block Kit reference.
const HEADER_MAX = 150;
const SECTION_TEXT_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_MAX = 10;
const CONTEXT_ELEMENTS_MAX = 10;
const BUTTON_TEXT_MAX = 75;
const BUTTONS_MAX = 25;
const BLOCKS_MAX = 50;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A mrkdwn link: <url|text>. */
export function mrkdwnLink(url: string, text: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(text).replace(/\|/g, "¦")}>`;
}

export class SlackBlocks {
  private readonly blocks: SlackBlock[] = [];
  private readonly plain: string[] = [];

  header(text: string): this {
    this.plain.push(text);
    return this.add({ type: "header", text: { type: "plain_text", text: cut(text, HEADER_MAX), emoji: true } });
  }

  /** A section of mrkdwn text (escape user text with escapeMrkdwn) and/or key/value fields. */
  section(text?: string, fields: Record<string, string> | Array<[string, string]> = []): this {
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    if (text) this.plain.push(text);
    for (const [name, value] of pairs) this.plain.push(`${name}: ${value}`);
    const block: SlackBlock = { type: "section" };
    if (text) block.text = { type: "mrkdwn", text: cut(text, SECTION_TEXT_MAX) };
    if (pairs.length) {
      block.fields = pairs.slice(0, FIELDS_MAX).map(([name, value]) => ({
        type: "mrkdwn",
        text: cut(`*${escapeMrkdwn(name)}*\n${escapeMrkdwn(value)}`, FIELD_MAX),
      }));
    }
    if (!text && !pairs.length) return this;
    return this.add(block);
  }

  /** Key/value fields only (escaped), e.g. network, height, size. */
  fields(fields: Record<string, string> | Array<[string, string]>): this {
    return this.section(undefined, fields);
  }

  /** Small grey lines under the message (mrkdwn), e.g. run link and duration. */
  context(...texts: string[]): this {
    const elements = texts.filter(Boolean).slice(0, CONTEXT_ELEMENTS_MAX).map((text) => ({ type: "mrkdwn", text: cut(text, SECTION_TEXT_MAX) }));
    return elements.length ? this.add({ type: "context", elements }) : this;
  }

  /** One row of link buttons. */
  links(...links: Array<{ text: string; url: string }>): this {
    const elements = links.slice(0, BUTTONS_MAX).map((link, i) => ({
      type: "button",
      text: { type: "plain_text", text: cut(link.text, BUTTON_TEXT_MAX), emoji: true },
      url: link.url,
      action_id: `link-${i}`,
    }));
    return elements.length ? this.add({ type: "actions", elements }) : this;
  }

  linkButton(text: string, url: string): this {
    return this.links({ text, url });
  }

  divider(): this {
    return this.add({ type: "divider" });
  }

  /** The message; the fallback text defaults to the header and sections as plain lines. */
  build(text?: string): SlackMessage {
    return { text: cut(text ?? this.plain.join("\n"), SECTION_TEXT_MAX), blocks: [...this.blocks] };
  }

  private add(block: SlackBlock): this {
    if (this.blocks.length < BLOCKS_MAX) this.blocks.push(block);
    return this;
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
