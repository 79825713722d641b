/**
 * The page's style sheet: a chat app's look (a channel with avatars, private answers tinted and
 * labelled, threads indented, the App Home beside it) and the classes documentToHtml writes
 * (`doc-…`, `action`, `link-button`, `primary`, `danger`). System fonts only: no external asset.
 */
export const PLAYGROUND_STYLE = `
:root {
  --bg: #f8f8fa; --panel: #fff; --text: #1d1c1d; --muted: #616061; --line: #e3e3e6;
  --accent: #1264a3; --primary: #007a5a; --danger: #c0392b; --private: #fff8e6; --private-line: #f2c94c;
  --code: #f4f4f6; --banner: #fdecc8; --banner-text: #6b4a00;
  color-scheme: light;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text); background: var(--bg); display: flex; flex-direction: column;
}
code, pre, kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
[hidden] { display: none !important; }

.topbar {
  display: flex; align-items: center; gap: 16px; padding: 10px 20px;
  background: #3f0e40; color: #fff; flex-wrap: wrap;
}
.brand { font-weight: 700; font-size: 17px; letter-spacing: .2px; }
.brand .muted { font-weight: 400; opacity: .75; }
.banner {
  flex: 1; min-width: 240px; padding: 5px 12px; border-radius: 6px;
  background: var(--banner); color: var(--banner-text); font-size: 13px; font-weight: 600;
}
.banner::before { content: "☁️ "; }
.who { font-size: 14px; display: flex; align-items: center; gap: 8px; }
.who select { font: inherit; padding: 4px 8px; border-radius: 6px; border: 0; }

.layout { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) 380px; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } .home-pane { border-left: 0; border-top: 1px solid var(--line); } }
.channel-pane { display: flex; flex-direction: column; min-height: 0; background: var(--panel); }
.home-pane { background: #fbfbfc; border-left: 1px solid var(--line); overflow-y: auto; min-height: 0; }
.pane-head {
  display: flex; align-items: center; gap: 12px; padding: 12px 20px; border-bottom: 1px solid var(--line);
  position: sticky; top: 0; background: inherit; z-index: 1;
}
.pane-head h1, .pane-head h2 { font-size: 17px; margin: 0; }
.connection { font-size: 12px; color: var(--muted); }
.connection.live::before { content: "● "; color: #2bac76; }
.connection.reconnecting::before, .connection.offline::before { content: "● "; color: var(--danger); }
.storm { margin-left: auto; }

.channel { flex: 1; overflow-y: auto; padding: 8px 0 16px; min-height: 0; }
.empty { color: var(--muted); padding: 24px 20px; margin: 0; }
.thread { padding: 2px 0; }
.replies:not(:empty) { margin: 0 0 6px 56px; border-left: 2px solid var(--line); }
.message { display: flex; gap: 10px; padding: 8px 20px; }
.message:hover { background: #f6f6f7; }
.message.reply { padding-left: 14px; }
.message.private { background: var(--private); box-shadow: inset 3px 0 0 var(--private-line); }
.avatar {
  flex: none; width: 36px; height: 36px; border-radius: 6px; display: grid; place-items: center;
  font-weight: 700; color: #fff; background: #5b6b7b;
}
.message.from-bot .avatar { background: var(--accent); }
.message.reply .avatar { width: 28px; height: 28px; font-size: 13px; }
.main { min-width: 0; flex: 1; }
.meta { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.author { font-weight: 700; }
.time, .edited { color: var(--muted); font-size: 12px; }
.private-label {
  font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .4px;
  color: #7a5a00; background: #fbe7a6; border-radius: 4px; padding: 0 6px;
}
.content { overflow-wrap: anywhere; }

.doc-header { font-size: 16px; margin: 2px 0 6px; }
.doc-text, .doc-context { margin: 4px 0; }
.doc-context { color: var(--muted); font-size: 13px; }
.doc-fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 4px 16px; margin: 6px 0; }
.doc-lines { margin: 4px 0; padding-left: 20px; }
.doc-lines li { margin: 2px 0; }
.doc-divider { border: 0; border-top: 1px solid var(--line); margin: 10px 0; }
.content code { background: var(--code); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; color: #c01343; }
.content pre, .doc-code {
  background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px;
  margin: 6px 0; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere;
}
.content pre code { background: none; border: 0; padding: 0; color: inherit; }
.content a { color: var(--accent); }
.mention, .space, .group { color: var(--accent); background: #e8f2fa; border-radius: 3px; padding: 0 2px; }
.doc-buttons { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 2px; }

button, .link-button {
  font: inherit; font-size: 14px; font-weight: 600; line-height: 1.2; padding: 6px 14px; border-radius: 6px;
  border: 1px solid #c9c9cc; background: #fff; color: var(--text); cursor: pointer; text-decoration: none;
  display: inline-block;
}
button:hover:not(:disabled), .link-button:hover { background: #f1f1f2; }
button:disabled { opacity: .55; cursor: default; }
button.primary, .link-button.primary { background: var(--primary); border-color: var(--primary); color: #fff; }
button.primary:hover:not(:disabled) { background: #148567; }
button.danger, .link-button.danger { background: #fff; border-color: var(--danger); color: var(--danger); }
button.danger:hover:not(:disabled) { background: #fdf0ef; }
.storm { border-color: var(--danger); color: var(--danger); }
.storm::before { content: "🚨 "; }

.composer {
  display: flex; align-items: center; gap: 8px; margin: 0 20px; padding: 8px 8px 8px 12px;
  border: 1px solid #bbbabb; border-radius: 8px; background: #fff;
}
.composer:focus-within { border-color: var(--accent); box-shadow: 0 0 0 3px #1264a333; }
.prefix { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 14px; }
#command { flex: 1; border: 0; outline: 0; font: inherit; min-width: 0; padding: 4px 0; }
#send { background: var(--primary); border-color: var(--primary); color: #fff; }
.notice { min-height: 1.6em; margin: 4px 20px 10px; font-size: 13px; color: var(--muted); }
.notice.sent::before { content: "↪ "; }
.notice.error { color: var(--danger); }

.home { padding: 8px 20px 20px; }
.home:empty::before { content: "Nothing waiting for you."; color: var(--muted); }
`;
