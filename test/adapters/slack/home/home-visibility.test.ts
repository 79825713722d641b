/**
 * The Home shows a viewer only the requests and alerts of channels they are in: the rule
 * (home-visibility.ts), and the member lists it reads (conversations.members through the real
 * @slack/web-api client, against the Slack fake).
 */
import type { AlertState } from '../../../../src/alerts/problem';
import type { ApprovalRequest } from '../../../../src/approvals/approval-request';
import { principalId } from '../../../../src/chat/principal-id';
import { channelMembers } from '../../../../adapters/slack/home/channel-members';
import { visibleTo } from '../../../../adapters/slack/home/home-visibility';
import { createWebClient } from '../../../../adapters/slack/web-api/create-web-client';
import { FAKE_SLACK_TOKEN, FakeSlack, startFakeSlack } from '../../../fakes/slack-api';

const REQUESTER = 'UREQUESTER1';
const MEMBER = 'UMEMBER0001';
const OUTSIDER = 'UOUTSIDER01';
const PUBLIC = 'C0PUBLIC001';
const PRIVATE = 'G0PRIVATE01';

const request = (id: string, channel: string): ApprovalRequest =>
  ({
    id,
    conversation: { platform: 'slack', space: channel },
    requestedBy: principalId('slack', REQUESTER),
    target: { project: 'acme-prod' },
  }) as unknown as ApprovalRequest;
const alert = (id: string, channel: string, messageChannel?: string): AlertState =>
  ({
    id,
    destination: { platform: 'slack', space: channel },
    ...(messageChannel ? { message: { platform: 'slack', space: messageChannel, message: '1.2' } } : {}),
    key: { project: 'acme-prod' },
  }) as AlertState;

const members: Record<string, string[]> = { [PUBLIC]: [MEMBER, OUTSIDER], [PRIVATE]: [MEMBER] };
const fakeMembers = async (channel: string) => {
  const found = members[channel];
  if (!found) throw new Error('An API error occurred: channel_not_found');
  return new Set(found);
};
const items = {
  pending: [request('r-public', PUBLIC), request('r-private', PRIVATE)],
  alerts: [alert('a-public', PUBLIC), alert('a-private', 'C0CONFIGURED', PRIVATE)],
};
const ids = (v: { pending: ApprovalRequest[]; alerts: AlertState[] }) => [
  ...v.pending.map((r) => r.id),
  ...v.alerts.map((a) => a.id),
];

describe('visibleTo', () => {
  it("hides a private channel's requests and alerts from someone outside it", async () => {
    expect(ids(await visibleTo(OUTSIDER, items, fakeMembers))).toEqual(['r-public', 'a-public']);
  });

  it('shows a member everything of their channels (an alert counts where its message is)', async () => {
    expect(ids(await visibleTo(MEMBER, items, fakeMembers))).toEqual([
      'r-public',
      'r-private',
      'a-public',
      'a-private',
    ]);
  });

  it('shows the requester their own requests, even from a channel they have left', async () => {
    expect((await visibleTo(REQUESTER, items, fakeMembers)).pending.map((r) => r.id)).toEqual([
      'r-public',
      'r-private',
    ]);
  });

  it("leaves out what lives on another platform (a Chat request, a problem's alert in a Chat space) without asking Slack about it", async () => {
    const chatAlert = { ...alert('a-chat', PUBLIC), destination: { platform: 'gchat', space: 'spaces/AAAAops' } };
    const chatRequest = { ...request('r-chat', PUBLIC), conversation: { platform: 'gchat', space: 'spaces/AAAAops' } };
    const seen = await visibleTo(
      MEMBER,
      { pending: [...items.pending, chatRequest], alerts: [...items.alerts, chatAlert as AlertState] },
      fakeMembers,
    );
    expect(ids(seen)).toEqual(['r-public', 'r-private', 'a-public', 'a-private']);
    expect(seen.unreadable).toEqual([]);
  });

  it('hides the items of a channel whose members cannot be read, and says which', async () => {
    const seen = await visibleTo(MEMBER, { pending: [request('r-gone', 'C0UNKNOWN1')], alerts: [] }, fakeMembers);
    expect(seen.pending).toEqual([]);
    expect(seen.unreadable).toEqual([{ channel: 'C0UNKNOWN1', error: 'An API error occurred: channel_not_found' }]);
  });
});

describe('channelMembers', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await startFakeSlack();
  });
  afterEach(() => slack.close());

  const client = () => createWebClient(FAKE_SLACK_TOKEN, slack.apiUrl);

  it('reads every page of conversations.members', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => `U${String(i).padStart(8, '0')}`);
    slack.state.channelMembers[PRIVATE] = many;
    const read = await channelMembers(client())(PRIVATE);
    expect(read.size).toBe(2500);
    expect(read.has(many[2499]!)).toBe(true);
    expect(slack.callsOf('conversations.members')).toHaveLength(3);
  });

  it('serves later reads of a channel from one call for ttlMs, then asks again', async () => {
    let now = 1_000;
    slack.state.channelMembers[PRIVATE] = [MEMBER];
    const members = channelMembers(client(), { ttlMs: 30_000, now: () => now });
    await Promise.all([members(PRIVATE), members(PRIVATE)]);
    now += 29_999;
    expect((await members(PRIVATE)).has(OUTSIDER)).toBe(false);
    expect(slack.callsOf('conversations.members')).toHaveLength(1);

    slack.state.channelMembers[PRIVATE] = [MEMBER, OUTSIDER];
    now += 1;
    expect((await members(PRIVATE)).has(OUTSIDER)).toBe(true);
    expect(slack.callsOf('conversations.members')).toHaveLength(2);
  });

  it('rejects when Slack refuses, and does not keep the failure', async () => {
    const members = channelMembers(client());
    await expect(members(PRIVATE)).rejects.toThrow(/channel_not_found/);
    slack.state.channelMembers[PRIVATE] = [MEMBER];
    expect((await members(PRIVATE)).has(MEMBER)).toBe(true);
  });
});
