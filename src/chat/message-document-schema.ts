import { z } from 'zod';
import type { MessageDocument } from './message-document';
import { principalIdSchema } from './principal-id';
import { EMOJI, type EmojiName } from './rich-text';

/**
 * Validates a message document that crossed Redis (a queued reply): the shape the renderers
 * build, with bounds, so that a corrupt or hostile payload is refused before an adapter renders it.
 */
const str = (max: number) => z.string().max(max);

const emojiNameSchema = z.custom<EmojiName>(
  (v) => typeof v === 'string' && Object.prototype.hasOwnProperty.call(EMOJI, v),
);

const spanSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: str(40_000) }),
  z.object({ kind: z.literal('bold'), text: str(2_000) }),
  z.object({ kind: z.literal('italic'), text: str(2_000) }),
  z.object({ kind: z.literal('code'), text: str(4_000), bold: z.literal(true).optional() }),
  z.object({ kind: z.literal('pre'), text: str(40_000), tight: z.literal(true).optional() }),
  z.object({ kind: z.literal('link'), url: z.string().url().max(4_000), text: str(2_000) }),
  z.object({ kind: z.literal('mention'), principal: principalIdSchema }),
  z.object({ kind: z.literal('space'), platform: str(16), space: str(200) }),
  z.object({ kind: z.literal('group'), platform: str(16), group: str(200) }),
  z.object({ kind: z.literal('date'), epochMs: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('emoji'), name: emojiNameSchema }),
]);

const richTextSchema = z.array(spanSchema).max(2_000);

const buttonSchema = z.object({
  label: str(200),
  action: str(255),
  value: str(2_000).optional(),
  url: z.string().url().max(3_000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: str(2_000), emoji: emojiNameSchema.optional() }),
  z.object({ type: z.literal('text'), text: richTextSchema }),
  z.object({ type: z.literal('fields'), fields: z.array(richTextSchema).max(100) }),
  z.object({ type: z.literal('lines'), lines: z.array(richTextSchema).max(5_000) }),
  z.object({ type: z.literal('code'), lines: z.array(str(10_000)).max(5_000) }),
  z.object({ type: z.literal('context'), text: richTextSchema }),
  z.object({ type: z.literal('divider') }),
  z.object({ type: z.literal('buttons'), buttons: z.array(buttonSchema).max(25), group: str(255).optional() }),
]);

export const messageDocumentSchema: z.ZodType<MessageDocument> = z.object({
  summary: richTextSchema,
  blocks: z.array(blockSchema).max(500),
  cut: richTextSchema.optional(),
}) as z.ZodType<MessageDocument>;
