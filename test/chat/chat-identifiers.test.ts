import { conversationRefSchema, messageRefSchema } from '../../src/chat/conversation-ref';
import {
  localIdOf,
  platformOf,
  principalId,
  principalIdSchema,
  storedPrincipalIdSchema,
  toPrincipalId,
} from '../../src/chat/principal-id';
import { messageDocumentSchema } from '../../src/chat/message-document-schema';
import { bold, code, mention, plainText, rich } from '../../src/chat/rich-text';

describe('principal ids', () => {
  it('keep the platform and the platform’s own id apart', () => {
    const slack = principalId('slack', 'U012AB3CD');
    const chat = principalId('gchat', 'users/123456789');
    expect([platformOf(slack), localIdOf(slack)]).toEqual(['slack', 'U012AB3CD']);
    expect([platformOf(chat), localIdOf(chat)]).toEqual(['gchat', 'users/123456789']);
  });

  it.each(['U012AB3CD', 'slack:', ':U1', 'slack:<@U1>', 'slack:U1 U2', 'Slack:U1', 'slack:U1\n'])(
    'refuses %j',
    (value) => {
      expect(principalIdSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe('conversation and message references', () => {
  it('accept a Slack channel with its response_url and a Google Chat space with a thread', () => {
    expect(
      conversationRefSchema.parse({
        platform: 'slack',
        space: 'C0123',
        replyHandle: 'https://hooks.slack.com/commands/T1/1/abc',
      }),
    ).toMatchObject({ space: 'C0123' });
    expect(
      conversationRefSchema.parse({ platform: 'gchat', space: 'spaces/AAA', thread: 'spaces/AAA/threads/BBB' }),
    ).toMatchObject({ thread: 'spaces/AAA/threads/BBB' });
  });

  it('refuse ids that could break markup or a Redis key, and handles that are not URLs', () => {
    expect(conversationRefSchema.safeParse({ platform: 'slack', space: 'C1>' }).success).toBe(false);
    expect(conversationRefSchema.safeParse({ platform: 'slack', space: 'C1', replyHandle: 'nope' }).success).toBe(
      false,
    );
    expect(messageRefSchema.safeParse({ platform: 'slack', space: 'C1', message: '1.2 3' }).success).toBe(false);
  });
});

describe('rich text', () => {
  it('keeps interpolated strings plain and interpolated spans formatted', () => {
    const who = principalId('slack', 'U1AB');
    const value = rich`${bold('Enable')} on ${code('prod-1')} for ${'<!channel>'} by ${mention(who)}`;
    expect(value).toEqual([
      { kind: 'bold', text: 'Enable' },
      { kind: 'text', text: ' on ' },
      { kind: 'code', text: 'prod-1' },
      { kind: 'text', text: ' for <!channel> by ' },
      { kind: 'mention', principal: who },
    ]);
    expect(plainText(value)).toBe('Enable on prod-1 for <!channel> by slack:U1AB');
  });
});

describe('message documents crossing Redis', () => {
  it('accepts what a renderer builds and refuses unknown blocks, spans and emoji', () => {
    const doc = {
      summary: rich`Enable on ${code('c')}`,
      blocks: [{ type: 'buttons', buttons: [{ label: 'Approve', action: 'imagestream_approve', value: 'x' }] }],
    };
    expect(messageDocumentSchema.safeParse(doc).success).toBe(true);
    expect(messageDocumentSchema.safeParse({ ...doc, blocks: [{ type: 'image', url: 'x' }] }).success).toBe(false);
    expect(messageDocumentSchema.safeParse({ summary: [{ kind: 'emoji', name: 'skull' }], blocks: [] }).success).toBe(
      false,
    );
    expect(
      messageDocumentSchema.safeParse({ summary: [{ kind: 'raw', text: '<!channel>' }], blocks: [] }).success,
    ).toBe(false);
  });
});

describe('principal ids stored before the seam', () => {
  it('read bare Slack user ids as Slack principals and keep new ones', () => {
    expect(toPrincipalId('U012AB3CD')).toBe('slack:U012AB3CD');
    expect(storedPrincipalIdSchema.parse('W0AB')).toBe('slack:W0AB');
    expect(storedPrincipalIdSchema.parse('gchat:users/1')).toBe('gchat:users/1');
    expect(() => toPrincipalId('<@U1>')).toThrow();
  });
});
