/** Chat interaction events as Chat publishes them to the app's topic: the Event JSON as message data. */

/** A slash command event (`/imagestream ARGS`), numbered so each test can tell its events apart. */
export function slashCommandEvent(n: number, args = 'status prod-1'): Record<string, unknown> {
  return {
    type: 'MESSAGE',
    eventTime: '2025-05-01T10:00:00.000000Z',
    space: { name: 'spaces/AAAAtest', type: 'ROOM', spaceType: 'SPACE', displayName: 'GKE ops' },
    user: { name: 'users/1234567890', displayName: 'Ada', email: 'ada@example.com', type: 'HUMAN' },
    message: {
      name: `spaces/AAAAtest/messages/msg-${n}`,
      text: `/imagestream ${args}`,
      argumentText: ` ${args}`,
      slashCommand: { commandId: '1' },
      thread: { name: `spaces/AAAAtest/threads/thread-${n}` },
      space: { name: 'spaces/AAAAtest' },
    },
  };
}
