/** The ReplyLine: command replies in order per conversation. */
import { RemoteError } from '../../src/errors';
import { ReplyLine } from '../../src/chat/reply-line';

/** One conversation's key: the channel and user the commands came from. */
const ME = 'C00000001:U00000001';

describe('ReplyLine', () => {
  it('delivers in the order replies were handed over, even when the first is held up', async () => {
    const line = new ReplyLine();
    const delivered: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = line.send(ME, async () => {
      await held;
      delivered.push('first');
    });
    const second = line.send(ME, async () => void delivered.push('second'));
    await new Promise((r) => setTimeout(r, 20));
    expect(delivered).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(delivered).toEqual(['first', 'second']);
  });

  it('holds up only the replies of the same conversation', async () => {
    const line = new ReplyLine();
    const delivered: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const mine = line.send(ME, async () => {
      await held;
      delivered.push('mine');
    });
    await line.send('C0OTHER01:U0OTHER01', async () => void delivered.push('theirs'));
    expect(delivered).toEqual(['theirs']);
    release();
    await mine;
    expect(delivered).toEqual(['theirs', 'mine']);
  });

  it('moves on after a reply that failed, and its caller sees the failure', async () => {
    const line = new ReplyLine();
    const failed = line.send(ME, async () => {
      throw new RemoteError('gone');
    });
    const next = line.send(ME, async () => 'ok');
    await expect(failed).rejects.toThrow('gone');
    await expect(next).resolves.toBe('ok');
  });

  it('aborts the signal of waiting and later replies on close', async () => {
    const line = new ReplyLine();
    let seen: AbortSignal | undefined;
    line.close();
    await line.send(ME, async (signal) => void (seen = signal));
    expect(seen?.aborted).toBe(true);
  });
});
