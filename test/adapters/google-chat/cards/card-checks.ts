import type { ChatMessageBody } from '../../../../adapters/google-chat/cards/chat-message-body';

/**
 * Google Chat's documented rules for a message body, checked independently of the renderer (so a
 * bug there cannot hide itself): returns every violation, an empty list when Chat would take it.
 * Sources: Message and Card references (developers.google.com/workspace/chat/api/reference/rest/v1),
 * "Send a message" (32,000 bytes), "Format messages" (card HTML).
 */
export function chatMessageViolations(body: ChatMessageBody): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(body)) if (!MESSAGE_FIELDS.has(key)) problems.push(`unknown Message field ${key}`);
  const bytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
  if (bytes > 30_000) problems.push(`body of ${bytes} bytes > 30,000 (32,000 with room for the envelope)`);
  if (typeof body.text !== 'string') problems.push('text is not a string');
  else if (body.text.length > 4096) problems.push(`text of ${body.text.length} characters > 4096`);
  if (!body.cardsV2) {
    if (!body.text) problems.push('a message with neither text nor cards');
    return problems;
  }
  if (body.cardsV2.length !== 1) problems.push(`${body.cardsV2.length} cards, expected 1`);
  for (const [i, { cardId, card }] of body.cardsV2.entries()) {
    if (!cardId) problems.push(`card ${i}: no cardId`);
    if (card?.header && !card.header.title) problems.push(`card ${i}: header without title`);
    const sections = card?.sections ?? [];
    if (sections.length === 0) problems.push(`card ${i}: no section`);
    let widgets = 0;
    sections.forEach((section, s) => {
      if (!section.widgets?.length) problems.push(`card ${i} section ${s}: no widget (a section needs one)`);
      section.widgets?.forEach((widget, w) => {
        widgets += 1 + widgetProblems(widget, `card ${i} section ${s} widget ${w}`, problems);
      });
    });
    if (widgets > 100) problems.push(`card ${i}: ${widgets} widgets > 100`);
  }
  return problems;
}

const MESSAGE_FIELDS = new Set(['text', 'cardsV2', 'fallbackText', 'markupSyntax']);
/** The widget kinds this adapter may write: each a documented Widget field. */
const WIDGET_KINDS = new Set(['textParagraph', 'decoratedText', 'buttonList', 'divider', 'columns']);
const COLUMN_WIDGET_KINDS = new Set(['textParagraph', 'decoratedText', 'buttonList']);

/** Checks one widget; returns how many widgets nest inside it (columns). */
function widgetProblems(widget: object, where: string, problems: string[], kinds = WIDGET_KINDS): number {
  const keys = Object.keys(widget);
  if (keys.length !== 1 || !kinds.has(keys[0]!)) {
    problems.push(`${where}: not exactly one known widget kind (${keys.join(', ')})`);
    return 0;
  }
  const w = widget as Record<string, any>;
  if (w.textParagraph) {
    const text = w.textParagraph.text;
    if (typeof text !== 'string' || text.length === 0) problems.push(`${where}: empty paragraph`);
    else problems.push(...cardHtmlProblems(text).map((p) => `${where}: ${p}`));
  }
  if (w.divider && Object.keys(w.divider).length > 0) problems.push(`${where}: divider with fields`);
  if (w.buttonList) {
    const buttons: any[] = w.buttonList.buttons ?? [];
    if (buttons.length === 0) problems.push(`${where}: buttonList without buttons`);
    buttons.forEach((b, j) => problems.push(...buttonProblems(b).map((p) => `${where} button ${j}: ${p}`)));
  }
  if (w.columns) {
    const items: any[] = w.columns.columnItems ?? [];
    if (items.length < 1 || items.length > 2) problems.push(`${where}: ${items.length} columns (1 or 2)`);
    let nested = 0;
    items.forEach((item, c) =>
      (item.widgets ?? []).forEach((inner: object, k: number) => {
        nested += 1;
        widgetProblems(inner, `${where} column ${c} widget ${k}`, problems, COLUMN_WIDGET_KINDS);
      }),
    );
    return nested;
  }
  return 0;
}

function buttonProblems(button: any): string[] {
  const problems: string[] = [];
  if (typeof button.text !== 'string' || button.text.length === 0) problems.push('no text');
  if (/[<>]/.test(button.text ?? '')) problems.push('a tag character in the label');
  const click = button.onClick ?? {};
  if (Object.keys(click).length !== 1) problems.push('onClick must have exactly one of action, openLink');
  if (click.action) {
    if (typeof click.action.function !== 'string' || !click.action.function) problems.push('no action function');
    for (const p of click.action.parameters ?? [])
      if (p.key !== 'value' || typeof p.value !== 'string') problems.push(`parameter ${JSON.stringify(p)}`);
  }
  if (click.openLink && !/^https?:\/\//.test(click.openLink.url ?? '')) problems.push('openLink without a web URL');
  if (button.type !== undefined && !['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'].includes(button.type))
    problems.push(`button type ${button.type}`);
  return problems;
}

const TAG = /<(\/?)([a-z]+)((?:\s+[a-z]+="[^"<>]*")*)\s*>/y;
const ATTRIBUTES: Record<string, RegExp> = {
  font: /^ color="#[0-9a-f]{6}"$/,
  a: /^ href="https?:\/\/[^"<>]*"$/,
};

/**
 * Problems of card HTML: only the tags Chat renders (b, i, u, s, font color, a href, br, code,
 * pre), properly nested and closed; every `<` opens such a tag and every `&` an entity.
 */
export function cardHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (let i = 0; i < html.length; i++) {
    if (html[i] === '&' && !/^&(amp|lt|gt|quot|#\d+);/.test(html.slice(i, i + 8))) problems.push(`bare & at ${i}`);
    if (html[i] === '>') problems.push(`bare > at ${i}`);
    if (html[i] !== '<') continue;
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      problems.push(`bare < at ${i}`);
      continue;
    }
    const [whole, slash, name, attrs] = m;
    if (!['b', 'i', 'u', 's', 'font', 'a', 'br', 'code', 'pre'].includes(name!)) problems.push(`tag ${name}`);
    else if (slash) {
      if (open.pop() !== name) problems.push(`</${name}> closes nothing open`);
    } else if (name !== 'br') {
      open.push(name!);
      const rule = ATTRIBUTES[name!];
      if (rule ? !rule.test(attrs!) : attrs) problems.push(`attributes ${attrs} on ${name}`);
    }
    i += whole.length - 1;
  }
  if (open.length > 0) problems.push(`unclosed ${open.join(', ')}`);
  return problems;
}

/** The tags of card HTML, in order (`b`, `/b`, `br`…): the markup, whatever the text. */
export function tagsOf(html: string): string[] {
  return [...html.matchAll(/<(\/?[a-z]+)/g)].map((m) => m[1]!);
}

/** What a reader sees of a card HTML text: tags gone, line breaks as `\n`, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Every paragraph of a message's card, as HTML (for markup assertions). */
export function paragraphs(body: ChatMessageBody): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const p = (node as { textParagraph?: { text?: string } }).textParagraph;
      if (p?.text !== undefined) out.push(p.text);
      Object.values(node).forEach(walk);
    }
  };
  walk(body.cardsV2);
  return out;
}

/** What a reader sees of the whole card: header, paragraphs and button labels, one per line. */
export function cardText(body: ChatMessageBody): string {
  const card = body.cardsV2?.[0]?.card;
  const labels = (card?.sections ?? []).flatMap((s) =>
    (s.widgets ?? []).flatMap((w) => (w.buttonList?.buttons ?? []).map((b) => b.text ?? '')),
  );
  return [card?.header?.title ?? '', ...paragraphs(body).map(visibleText), ...labels].join('\n');
}

/** The buttons of a message's card, flattened. */
export function buttonsOf(body: ChatMessageBody) {
  return (body.cardsV2?.[0]?.card?.sections ?? []).flatMap((s) =>
    (s.widgets ?? []).flatMap((w) => w.buttonList?.buttons ?? []),
  );
}

/** The widgets of a message's one section. */
export function widgetsOf(body: ChatMessageBody) {
  return body.cardsV2?.[0]?.card?.sections?.[0]?.widgets ?? [];
}
