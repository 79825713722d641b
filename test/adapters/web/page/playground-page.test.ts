import { createHash } from 'node:crypto';
import { PLAYGROUND_LOGIC, PLAYGROUND_LOGIC_NAMES } from '../../../../adapters/web/page/playground-logic';
import { PLAYGROUND_CSP, playgroundPage } from '../../../../adapters/web/page/playground-page';

const page = playgroundPage();
const inline = (tag: string) => {
  const all = [...page.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
  expect(all).toHaveLength(1);
  return all[0]!;
};
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** The page's pure functions, run in Node exactly as the browser gets them. */
const logic = new Function(`${PLAYGROUND_LOGIC}\nreturn { ${PLAYGROUND_LOGIC_NAMES.join(', ')} };`)() as {
  commandText(input: string): string;
  webMessageOf(value: unknown): unknown;
  isNewer(shown: unknown, next: { version: number }): boolean;
  threadOf(m: { id: string; thread?: string }): string;
  isReply(m: { id: string; thread?: string }): boolean;
  before(a: { at: number; id: string }, b: { at: number; id: string }): boolean;
  authorName(author: string): string;
  userFromSearch(search: string): string;
  bannerText(sim: unknown): string;
  failureText(status: number, body: unknown): string;
};

describe('the playground page', () => {
  it('has every element the browser test drives, once', () => {
    for (const id of ['user', 'command', 'send', 'channel', 'storm', 'home', 'simulated-banner']) {
      expect(page.match(new RegExp(`id="${id}"`, 'g'))).toHaveLength(1);
    }
    expect(page).toMatch(
      /<select id="user">\s*<option value="alice">[^<]*requester[^<]*<\/option>\s*<option value="bob">[^<]*approver/,
    );
    expect(page).toMatch(/<input id="command"/);
    expect(page).toMatch(/<button id="send"/);
    expect(page).toMatch(/<button id="storm"/);
    expect(page).toContain('>Simulated Google Cloud: no real project is touched</div>');
  });

  it('loads nothing from elsewhere: no external script, style, font or image', () => {
    expect(page).not.toMatch(/\bsrc=/);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/@import|url\(/);
  });

  it('ships a script that parses, inside one script element, and a style sheet that stays in its element', () => {
    const script = inline('script');
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/<\/script/i);
    expect(inline('style')).not.toMatch(/<\/style/i);
  });

  it('allows by hash exactly its own inline script and style, and requests only to its own origin', () => {
    const directives = Object.fromEntries(
      PLAYGROUND_CSP.split(/;\s*/).map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': `'sha256-${sha256(inline('script'))}'`,
      'style-src': `'sha256-${sha256(inline('style'))}'`,
      'connect-src': "'self'",
      'img-src': "'self' data:",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(PLAYGROUND_CSP).not.toContain('unsafe');
    // The same policy in the page itself (a meta tag cannot carry frame-ancestors).
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
    expect(meta?.[1]).toBe(PLAYGROUND_CSP.replace("; frame-ancestors 'none'", ''));
    expect(page.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(page.indexOf('<style>'));
  });
});

describe('the page script’s rules', () => {
  it('sends what was typed, with or without /imagestream', () => {
    expect(logic.commandText('status shop')).toBe('status shop');
    expect(logic.commandText('  /imagestream   status shop  ')).toBe('status shop');
    expect(logic.commandText('/IMAGESTREAM check img --cluster shop')).toBe('check img --cluster shop');
    expect(logic.commandText('/imagestream')).toBe('help');
    expect(logic.commandText('/imagestreamx status')).toBe('/imagestreamx status');
    expect(logic.commandText('   ')).toBe('');
  });

  it('takes only well-formed messages, and replaces one only with a later version', () => {
    const m = { id: 'm1', space: 'playground', author: 'bot', html: '<p>x</p>', text: 'x', version: 2, at: 5 };
    expect(logic.webMessageOf(m)).toBe(m);
    for (const bad of [null, 'm1', { ...m, id: '' }, { ...m, html: 1 }, { ...m, version: '2' }, { ...m, thread: 3 }]) {
      expect(logic.webMessageOf(bad)).toBeNull();
    }
    expect(logic.isNewer(undefined, m)).toBe(true);
    expect(logic.isNewer({ ...m, version: 1 }, m)).toBe(true);
    expect(logic.isNewer(m, m)).toBe(false);
    expect(logic.isNewer({ ...m, version: 3 }, m)).toBe(false);
  });

  it('orders the channel oldest first and files replies under their root', () => {
    expect(logic.threadOf({ id: 'r' })).toBe('r');
    expect(logic.threadOf({ id: 'x', thread: 'r' })).toBe('r');
    expect(logic.isReply({ id: 'x', thread: 'r' })).toBe(true);
    expect(logic.isReply({ id: 'r', thread: 'r' })).toBe(false);
    expect(logic.before({ at: 1, id: 'b' }, { at: 2, id: 'a' })).toBe(true);
    expect(logic.before({ at: 2, id: 'a' }, { at: 2, id: 'b' })).toBe(true);
    expect(logic.before({ at: 2, id: 'b' }, { at: 2, id: 'b' })).toBe(false);
  });

  it('names people, picks the user from the address, fills the banner and reads errors', () => {
    expect(logic.authorName('bot')).toBe('imagestream');
    expect(logic.authorName('web:alice')).toBe('alice');
    expect(logic.authorName('bob')).toBe('bob');
    expect(logic.userFromSearch('?user=bob')).toBe('bob');
    expect(logic.userFromSearch('?x=1&user=alice')).toBe('alice');
    expect(logic.userFromSearch('?user=mallory')).toBe('alice');
    expect(logic.userFromSearch('?user=%E0%A4%A')).toBe('alice');
    expect(logic.userFromSearch('')).toBe('alice');
    const base = 'Simulated Google Cloud: no real project is touched';
    expect(logic.bannerText({ simulated: true, clusters: [{ name: 'shop' }, 'ml', { cluster: 'legacy' }, 7] })).toBe(
      `${base} · clusters: shop, ml, legacy`,
    );
    expect(logic.bannerText(null)).toBe(base);
    expect(logic.bannerText({ clusters: [] })).toBe(base);
    expect(logic.failureText(400, { error: 'unknown user' })).toBe('unknown user');
    expect(logic.failureText(502, null)).toBe('HTTP 502');
  });
});
