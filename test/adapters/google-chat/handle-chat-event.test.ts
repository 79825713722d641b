/**
 * Chat events to their synchronous answers, without HTTP: the core's command runner and button
 * catalogue behind them, with the queue, the audit log and the metrics as fakes.
 */
import { ChatApproverDirectory } from '../../../adapters/google-chat/approvers/chat-approver-directory';
import type { ChatWebDeps } from '../../../adapters/google-chat/events/chat-web-deps';
import { handleChatEvent } from '../../../adapters/google-chat/events/handle-chat-event';
import { AccessScope } from '../../../src/access/access-scope';
import { ApproverPolicy } from '../../../src/approvals/approver-policy';
import { principalId } from '../../../src/chat/principal-id';
import { createLogger } from '../../../src/logging/logger';
import {
  ADA,
  BOB,
  DM,
  SPACE,
  THREAD,
  addedToSpace,
  cardClicked,
  directMessage,
  mention,
  slashCommand,
  visibleText,
} from '../../support/google-chat-events';

function setup(options: { commandId?: string } = {}) {
  const queued: Array<{ name: string; payload: unknown }> = [];
  const counted: Array<[string, string]> = [];
  const directory = new ChatApproverDirectory({ approvers: ['bob@example.com'] });
  const deps = {
    config: {
      GOOGLE_CLOUD_PROJECT: 'acme-prod',
      IMAGESTREAM_DEFAULT_LOCATION: 'us-east1',
      IMAGESTREAM_MUTATION_CHANNELS: [],
      IMAGESTREAM_ACK_REDIS_TIMEOUT_MS: 500,
      IMAGESTREAM_MUTE_BY: 'approvers',
    },
    logger: createLogger({ level: 'silent' }),
    queue: {
      enqueue: async (name: string, payload: unknown) => {
        queued.push({ name, payload });
        return 'job-1';
      },
    },
    audit: { recent: async () => [], record: async () => undefined },
    metrics: { command: (sub: string, outcome: string) => void counted.push([sub, outcome]) },
    scope: new AccessScope([]),
    approvers: new ApproverPolicy([directory]),
    alerts: { store: { get: async () => null, mute: async () => null }, outbox: { update: async () => undefined } },
    chat: { ...(options.commandId ? { commandId: options.commandId } : {}), directory },
  } as unknown as ChatWebDeps;
  return { deps, queued, counted, directory };
}

describe('MESSAGE', () => {
  it('a slash command queues its job answering in the thread, and says so privately', async () => {
    const { deps, queued, counted } = setup({ commandId: '1' });
    const answer = await handleChatEvent(slashCommand('status prod-1'), deps);
    expect(answer).toMatchObject({
      text: 'Reading image streaming settings of prod-1...',
      privateMessageViewer: { name: ADA.name },
    });
    expect(queued).toEqual([
      {
        name: 'status',
        payload: {
          replyTo: { conversation: { platform: 'gchat', space: SPACE, thread: THREAD }, requester: 'gchat:users/111' },
          target: { project: 'acme-prod', location: 'us-east1', cluster: 'prod-1' },
        },
      },
    ]);
    expect(counted).toEqual([['status', 'ok']]);
  });

  it('another slash command of the app is not /imagestream when GOOGLE_CHAT_COMMAND_ID says so', async () => {
    const { deps, queued } = setup({ commandId: '1' });
    expect(await handleChatEvent(slashCommand('status prod-1', ADA, '2'), deps)).toMatchObject({
      text: expect.stringContaining('Unknown command'),
      privateMessageViewer: { name: ADA.name },
    });
    expect(queued).toEqual([]);
  });

  it('without GOOGLE_CHAT_COMMAND_ID any slash command of the app is /imagestream', async () => {
    const { deps, queued } = setup();
    await handleChatEvent(slashCommand('status prod-1', ADA, '7'), deps);
    expect(queued.map((q) => q.name)).toEqual(['status']);
  });

  it.each([
    ['with argumentText', mention('status prod-1')],
    [
      'without argumentText (the mention is cut by its annotation)',
      mention('status prod-1', ADA, { withArgumentText: false }),
    ],
  ])('an @mention in a space runs the words after it, %s', async (_name, event) => {
    const { deps, queued } = setup();
    await handleChatEvent(event, deps);
    expect(queued).toMatchObject([{ name: 'status', payload: { target: { cluster: 'prod-1' } } }]);
  });

  it('a DM runs its text and answers there without a private viewer (the DM is private already)', async () => {
    const { deps, queued } = setup();
    const answer = await handleChatEvent(directMessage('status prod-1'), deps);
    expect(answer).toMatchObject({ text: 'Reading image streaming settings of prod-1...' });
    expect(queued).toMatchObject([
      { payload: { replyTo: { conversation: { platform: 'gchat', space: DM }, requester: 'gchat:users/111' } } },
    ]);
  });

  it('`/imagestream` alone (no argumentText) is help', async () => {
    const { deps } = setup();
    const event = slashCommand('');
    delete (event.message as { argumentText?: string }).argumentText;
    expect(visibleText(await handleChatEvent(event, deps))).toContain('/imagestream enable CLUSTER');
  });

  it('help is answered at once, nothing queued; a usage error names the mistake', async () => {
    const { deps, queued, counted } = setup();
    const help = await handleChatEvent(slashCommand('help'), deps);
    expect(visibleText(help)).toContain('/imagestream enable CLUSTER');
    const usage = await handleChatEvent(slashCommand('frobnicate'), deps);
    expect(visibleText(usage)).toContain('unknown subcommand "frobnicate"');
    expect(queued).toEqual([]);
    expect(counted).toEqual([
      ['help', 'ok'],
      ['frobnicate', 'usage_error'],
    ]);
  });

  it('a user name of another shape still gets help, and is left out of the reply target (the payload refuses it)', async () => {
    const { deps, queued } = setup();
    const stranger = { name: 'people/1' };
    expect(visibleText(await handleChatEvent(slashCommand('help', stranger), deps))).toContain('/imagestream');
    await handleChatEvent(slashCommand('status prod-1', stranger), deps);
    expect(queued).toMatchObject([{ payload: { replyTo: { conversation: { space: SPACE } } } }]);
    expect(queued[0]?.payload).not.toHaveProperty('replyTo.requester');
  });
});

describe('CARD_CLICKED', () => {
  it.each(['common', 'action'] as const)(
    'the %s form reaches the button, answered privately as a new message',
    async (form) => {
      const { deps } = setup();
      // Mute by approvers only: Ada is none.
      const answer = await handleChatEvent(cardClicked('imagestream_mute_1h', 'alert-0001', ADA, form), deps);
      expect(answer).toMatchObject({
        actionResponse: { type: 'NEW_MESSAGE' },
        text: expect.stringMatching(/Only approvers can .*bob@example.com/),
        privateMessageViewer: { name: ADA.name },
      });
    },
  );

  it("the clicker's e-mail is learned before the button runs: an e-mail approver is one on the first click", async () => {
    const { deps, directory } = setup();
    await handleChatEvent(cardClicked('imagestream_mute_1h', 'alert-0001', BOB), deps);
    expect(await directory.isApprover(principalId('gchat', BOB.name))).toBe(true);
  });

  it('a function the bot does not have is ignored: no answer', async () => {
    const { deps } = setup();
    expect(await handleChatEvent(cardClicked('rm_rf', 'x'), deps)).toBeNull();
  });
});

describe('other events', () => {
  it('ADDED_TO_SPACE: a welcome naming /imagestream help', async () => {
    const { deps } = setup();
    expect(visibleText(await handleChatEvent(addedToSpace(), deps))).toContain('/imagestream help');
  });

  it('REMOVED_FROM_SPACE, another type, an invalid event: no answer, nothing thrown', async () => {
    const { deps, queued } = setup();
    expect(await handleChatEvent({ ...addedToSpace(), type: 'REMOVED_FROM_SPACE' }, deps)).toBeNull();
    expect(await handleChatEvent({ ...addedToSpace(), type: 'WIDGET_UPDATED' }, deps)).toBeNull();
    expect(await handleChatEvent({ ...slashCommand('status x'), space: { name: 'C0SLACK' } }, deps)).toBeNull();
    expect(await handleChatEvent(null, deps)).toBeNull();
    expect(await handleChatEvent([1, 2], deps)).toBeNull();
    expect(queued).toEqual([]);
  });
});
