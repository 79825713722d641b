import { createHash } from 'node:crypto';
import { PLAYGROUND_SCRIPT } from './playground-script';
import { PLAYGROUND_STYLE } from './playground-style';

/**
 * The playground's page, served at GET /playground: one self-contained document (no external
 * asset: the machine it runs on may have no internet) with the element ids the browser test
 * drives — select#user, #channel of .message[data-id], input#command, button#send, button#storm,
 * #home, #simulated-banner.
 */
export function playgroundPage(): string {
  return PAGE;
}

// The page is the same for everyone, so its inline script and style are allowed by their hashes
// rather than by a nonce (nothing per response) or 'unsafe-inline' (which would let an injected
// inline script or handler run, the very thing the policy is for).
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const POLICY = [
  "default-src 'none'",
  `script-src ${sha256(PLAYGROUND_SCRIPT)}`,
  `style-src ${sha256(PLAYGROUND_STYLE)}`,
  // fetch and EventSource to the bot's own routes only.
  "connect-src 'self'",
  // The favicon is an empty data: URL (no request for /favicon.ico).
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
];

/**
 * The Content-Security-Policy header to send with the page: only this page's own script and style
 * run or apply (by hash), requests go only to the same origin, and no other site may frame it.
 * The page carries the same policy in a meta tag (without frame-ancestors, which a meta tag cannot
 * set), so it holds even where the header is missing.
 */
export const PLAYGROUND_CSP = [...POLICY, "frame-ancestors 'none'"].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY.join('; ')}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>imagestream playground</title>
<link rel="icon" href="data:,">
<style>${PLAYGROUND_STYLE}</style>
</head>
<body>
<header class="topbar">
  <div class="brand">imagestream <span class="muted">playground</span></div>
  <div id="simulated-banner" class="banner" role="note">Simulated Google Cloud: no real project is touched</div>
  <label class="who">You are
    <select id="user">
      <option value="alice">alice (requester)</option>
      <option value="bob">bob (approver)</option>
    </select>
  </label>
</header>
<main class="layout">
  <section class="channel-pane" aria-label="Channel #playground">
    <div class="pane-head">
      <h1># playground</h1>
      <span id="connection" class="connection">connecting…</span>
      <button id="storm" type="button" class="storm">Inject gcfsd storm</button>
    </div>
    <div id="channel" class="channel" aria-live="polite"></div>
    <p id="channel-empty" class="empty">No messages yet. Try <code>help</code>, <code>status shop</code> or <code>check IMAGE --cluster shop</code>.</p>
    <form id="composer" class="composer" autocomplete="off">
      <span class="prefix">/imagestream</span>
      <input id="command" name="command" aria-label="Command" placeholder="status shop" spellcheck="false">
      <button id="send" type="submit">Send</button>
    </form>
    <div id="notice" class="notice" role="status"></div>
  </section>
  <aside class="home-pane" aria-label="App Home">
    <div class="pane-head"><h2>Home</h2></div>
    <div id="home" class="home"></div>
  </aside>
</main>
<script>${PLAYGROUND_SCRIPT}</script>
</body>
</html>
`;
