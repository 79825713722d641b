import type { PrincipalId } from './principal-id';

/**
 * Text with a little formatting, as every platform can show it: each adapter writes it in its own
 * markup (Slack mrkdwn, Google Chat card HTML, plain text) and escapes the plain parts itself, so
 * nothing a user or a remote API wrote can become markup on any platform.
 */
export type Span =
  /** Plain text: escaped by the adapter. */
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'italic'; text: string }
  /** Inline code (names, commands); `bold`: shown strong too (a synopsis heading a help entry). */
  | { kind: 'code'; text: string; bold?: true }
  /**
   * A preformatted block of lines (a log line, a filter, YAML), on lines of its own. `tight`: the
   * fences hug the text (Slack: ```text``` rather than fences on lines of their own), as some
   * answers were always sent.
   */
  | { kind: 'pre'; text: string; tight?: true }
  | { kind: 'link'; url: string; text: string }
  /** A person, shown as the platform's mention of them. */
  | { kind: 'mention'; principal: PrincipalId }
  /** A channel or space of the same platform, shown as a link to it. */
  | { kind: 'space'; platform: string; space: string }
  /** A group of people on the platform (a Slack user group S...). */
  | { kind: 'group'; platform: string; group: string }
  /** A moment, shown in each reader's time zone where the platform can (UTC otherwise). */
  | { kind: 'date'; epochMs: number }
  /** A small picture by name (`warning`, `white_check_mark`): Slack shortcodes, Unicode elsewhere. */
  | { kind: 'emoji'; name: EmojiName };

/** The emoji the bot uses; each adapter knows how to show every one. */
export const EMOJI = {
  warning: '⚠️',
  x: '❌',
  white_check_mark: '✅',
  information_source: 'ℹ️',
  no_entry: '⛔',
  mute: '🔇',
  repeat: '🔁',
  hourglass: '⌛',
  rotating_light: '🚨',
  large_green_circle: '🟢',
  red_circle: '🔴',
  white_circle: '⚪',
  grey_question: '❔',
  mag: '🔍',
  gear: '⚙️',
  fast_forward: '⏩',
  bell: '🔔',
} as const;
export type EmojiName = keyof typeof EMOJI;

/** A run of spans: one paragraph, or several separated by `\n` in text spans. */
export type RichText = Span[];

export const text = (value: string): Span => ({ kind: 'text', text: value });
export const bold = (value: string): Span => ({ kind: 'bold', text: value });
export const italic = (value: string): Span => ({ kind: 'italic', text: value });
export const code = (value: string): Span => ({ kind: 'code', text: value });
export const boldCode = (value: string): Span => ({ kind: 'code', text: value, bold: true });
export const pre = (value: string): Span => ({ kind: 'pre', text: value });
export const link = (url: string, label: string): Span => ({ kind: 'link', url, text: label });
export const mention = (principal: PrincipalId): Span => ({ kind: 'mention', principal });
export const date = (epochMs: number): Span => ({ kind: 'date', epochMs });
export const emoji = (name: EmojiName): Span => ({ kind: 'emoji', name });

/**
 * Rich text from a template: literal parts and interpolated strings are plain text, interpolated
 * spans (and span arrays) stay as they are. `rich\`Cluster ${code(name)} has ${n} pools\``.
 */
export function rich(strings: TemplateStringsArray, ...values: Array<string | number | Span | RichText>): RichText {
  const out: RichText = [];
  strings.forEach((literal, i) => {
    if (literal) pushText(out, literal);
    if (i < values.length) {
      const value = values[i]!;
      if (typeof value === 'string' || typeof value === 'number') pushText(out, String(value));
      else if (Array.isArray(value)) out.push(...value);
      else out.push(value);
    }
  });
  return out;
}

/** Joins rich texts with a plain separator (`', '`, `'\n'`). */
export function joinRich(parts: RichText[], separator: string): RichText {
  const out: RichText = [];
  parts.forEach((part, i) => {
    if (i > 0 && separator) pushText(out, separator);
    out.push(...part);
  });
  return out;
}

/** The text a person reads, without any formatting (notifications, logs, the plain-text adapter). */
export function plainText(value: RichText): string {
  return value
    .map((span) => {
      switch (span.kind) {
        case 'mention':
          return span.principal;
        case 'space':
          return `#${span.space}`;
        case 'group':
          return `@${span.group}`;
        case 'date':
          return utcDate(span.epochMs);
        case 'emoji':
          return EMOJI[span.name];
        case 'pre':
          return `\n${span.text}\n`;
        default:
          return span.text;
      }
    })
    .join('');
}

/** `2026-12-06 07:41:00 UTC`: how a date reads where the platform cannot localise it. */
export function utcDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

function pushText(out: RichText, value: string): void {
  const last = out[out.length - 1];
  if (last && last.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + value };
  else out.push({ kind: 'text', text: value });
}
