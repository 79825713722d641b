/**
 * An independent reader of the web chat's message HTML (the renderer cannot vouch for itself):
 * which tags and attributes it may hold, the attributes' decoded values, and the text a reader sees.
 */

/** Allowed tags, each with a check per attribute it may carry (the value as written, still escaped). */
const ALLOWED: Record<string, Record<string, RegExp>> = {
  strong: {},
  em: {},
  code: {},
  pre: { class: /^doc-code$/ },
  br: {},
  span: { class: /^(mention|space|group)$/ },
  time: { datetime: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$|^[+-]\d{6}-/ },
  a: {
    href: /^https?:\/\/[^"<>\s]*$/,
    target: /^_blank$/,
    rel: /^noopener$/,
    class: /^link-button( primary| danger)?$/,
  },
  h3: { class: /^doc-header$/ },
  div: { class: /^doc-(text|context|fields|field|buttons)$/ },
  ul: { class: /^doc-lines$/ },
  li: {},
  hr: { class: /^doc-divider$/ },
  button: {
    type: /^button$/,
    class: /^(action|link-button)( primary| danger)?$/,
    'data-action': /^[^"<>]*$/,
    'data-value': /^[^"<>]*$/,
    disabled: /^$/,
    title: /^[^"<>]*$/,
  },
};
const VOID = new Set(['br', 'hr']);
const REQUIRED: Record<string, string[]> = { a: ['href', 'rel', 'target'] };

const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/y;
const ATTRIBUTE = /\s+([a-z-]+)(?:="([^"<>]*)")?/g;
const ENTITY = /^&(amp|lt|gt|quot|#39);/;

export interface Tag {
  name: string;
  closing: boolean;
  /** Attribute values as the browser reads them (entities decoded). */
  attributes: Record<string, string>;
}

/** Every problem of the HTML: an unknown tag or attribute, a bare `<`, `>` or `&`, a tag left open. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (let i = 0; i < html.length; i++) {
    const c = html[i];
    if (c === '&' && !ENTITY.test(html.slice(i, i + 6))) problems.push(`bare & at ${i}`);
    if (c === '>') problems.push(`bare > at ${i}`);
    if (c !== '<') continue;
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      problems.push(`bare < at ${i}: ${html.slice(i, i + 30)}`);
      continue;
    }
    const [whole, slash, name, attrs] = m;
    i += whole.length - 1;
    const allowed = ALLOWED[name!];
    if (!allowed) {
      problems.push(`tag ${name}`);
      continue;
    }
    if (slash) {
      if (attrs) problems.push(`attributes on </${name}>`);
      if (open.pop() !== name) problems.push(`</${name}> closes nothing open`);
      continue;
    }
    if (!VOID.has(name!)) open.push(name!);
    const seen = new Set<string>();
    for (const [, attr, raw] of attrs!.matchAll(ATTRIBUTE)) {
      seen.add(attr!);
      const rule = allowed[attr!];
      if (!rule) problems.push(`attribute ${attr} on ${name}`);
      else if (!rule.test(raw ?? '')) problems.push(`${attr}="${raw}" on ${name}`);
    }
    for (const attr of REQUIRED[name!] ?? []) if (!seen.has(attr)) problems.push(`${name} without ${attr}`);
  }
  if (open.length > 0) problems.push(`unclosed ${open.join(', ')}`);
  return problems;
}

/** The tags in order, with their decoded attributes. */
export function tagsOf(html: string): Tag[] {
  return [...html.matchAll(/<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/g)].map(
    ([, slash, name, attrs]) => ({
      name: name!,
      closing: slash === '/',
      attributes: Object.fromEntries(
        [...attrs!.matchAll(ATTRIBUTE)].map(([, attr, raw]) => [attr!, decode(raw ?? '')]),
      ),
    }),
  );
}

/** Tag names only (`strong`, `/strong`, `br`): the markup, whatever the text. */
export function tagNames(html: string): string[] {
  return tagsOf(html).map((t) => (t.closing ? `/${t.name}` : t.name));
}

/** What a reader sees: tags gone, `<br>` as a line break, entities decoded. */
export function visibleText(html: string): string {
  return decode(html.replace(/<br>/g, '\n').replace(/<[^>]*>/g, ''));
}

export function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The action buttons of a message's HTML: what the page posts back when one is clicked. */
export function actionButtons(html: string): Array<{ action: string; value: string; label: string; classes: string }> {
  return [
    ...html.matchAll(
      /<button type="button" class="(action[^"]*)" data-action="([^"]*)" data-value="([^"]*)">(.*?)<\/button>/g,
    ),
  ].map(([, classes, action, value, label]) => ({
    classes: classes!,
    action: decode(action!),
    value: decode(value!),
    label: decode(label!),
  }));
}
