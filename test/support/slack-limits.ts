/**
 * Slack's Block Kit limits, checked independently of adapters/slack/block-kit/slack-message.ts (so a bug there
 * cannot hide itself): returns every violation, an empty list when Slack would accept the message.
 * `maxBlocks` is the surface's block limit: 50 for a message, 100 for a Home tab view.
 */
export function slackLimitViolations(message: { text: string; blocks: unknown[] }, maxBlocks = 50): string[] {
  const problems: string[] = [];
  const over = (where: string, text: unknown, max: number): void => {
    if (typeof text !== 'string' || text.length === 0) problems.push(`${where}: empty or not a string`);
    else if (text.length > max) problems.push(`${where}: ${text.length} > ${max}`);
  };
  over('text', message.text, 3000);
  if (message.blocks.length > maxBlocks) problems.push(`${message.blocks.length} blocks > ${maxBlocks}`);
  message.blocks.forEach((raw, i) => {
    const block = raw as {
      type: string;
      text?: { text?: string };
      fields?: Array<{ text: string }>;
      elements?: Array<Record<string, unknown>>;
    };
    if (block.type === 'header') over(`block ${i} header`, block.text?.text, 150);
    if (block.type === 'section') {
      if (block.text) over(`block ${i} section`, block.text.text, 3000);
      if (block.fields && block.fields.length > 10) problems.push(`block ${i}: ${block.fields.length} fields > 10`);
      block.fields?.forEach((f, j) => over(`block ${i} field ${j}`, f.text, 2000));
    }
    if (block.type === 'context') {
      if ((block.elements ?? []).length > 10) problems.push(`block ${i}: context elements > 10`);
      block.elements?.forEach((e, j) => over(`block ${i} context ${j}`, e.text, 3000));
    }
    if (block.type === 'actions') {
      block.elements?.forEach((e, j) => {
        over(`block ${i} button ${j} text`, (e.text as { text?: string } | undefined)?.text, 75);
        if (e.value !== undefined) over(`block ${i} button ${j} value`, e.value, 2000);
      });
    }
  });
  return problems;
}

/** Every mrkdwn text of a message, joined: what a reader sees, for content assertions. */
export function allText(message: { text: string; blocks: unknown[] }): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(message.blocks);
  return texts.join('\n');
}
