/**
 * The page script's pure part, as browser JavaScript source: functions that touch neither the DOM
 * nor the network, so a test can run them in Node (`new Function(PLAYGROUND_LOGIC + 'return {…}')`).
 * Kept as source text, not compiled TypeScript, because the page ships it verbatim: what the test
 * runs is byte for byte what the browser runs. No backticks and no `${` in here (it is a template).
 */
export const PLAYGROUND_LOGIC = String.raw`
/** The people of the playground: their names are the users the API takes. */
var USERS = ['alice', 'bob'];

/** What the bot is asked: the typed text without a leading /imagestream ('' = nothing to send). */
function commandText(input) {
  var text = String(input).trim();
  var m = /^\/imagestream(?:\s+|$)/i.exec(text);
  if (m) return text.slice(m[0].length).trim() || 'help';
  return text;
}

/** A message as the API sends it, or null for anything else (the page never guesses). */
function webMessageOf(value) {
  if (!value || typeof value !== 'object') return null;
  if (typeof value.id !== 'string' || value.id === '') return null;
  if (typeof value.html !== 'string' || typeof value.version !== 'number' || typeof value.at !== 'number') return null;
  if (value.thread !== undefined && value.thread !== null && typeof value.thread !== 'string') return null;
  if (value.visibleTo !== undefined && value.visibleTo !== null && typeof value.visibleTo !== 'string') return null;
  return value;
}

/** Whether a message replaces the one shown: only a later version does (the stream and a list may race). */
function isNewer(shown, next) {
  return !shown || next.version > shown.version;
}

/** The thread a message belongs to: its root's id (a root is its own thread). */
function threadOf(m) {
  return m.thread ? m.thread : m.id;
}

/** Whether a message is a reply in a thread (shown indented under its root). */
function isReply(m) {
  return Boolean(m.thread) && m.thread !== m.id;
}

/** Channel order: oldest first, ties by id so every page shows the same order. */
function before(a, b) {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/** Who wrote a message, as the channel shows it. */
function authorName(author) {
  if (author === 'bot' || !author) return 'imagestream';
  var s = String(author);
  return s.indexOf('web:') === 0 ? s.slice(4) : s;
}

/** The user to start as: ?user=bob in the address, else alice. */
function userFromSearch(search) {
  var m = /[?&]user=([^&#]*)/.exec(String(search));
  var name = '';
  try {
    name = m ? decodeURIComponent(m[1]) : '';
  } catch (e) {
    name = '';
  }
  return USERS.indexOf(name) >= 0 ? name : USERS[0];
}

/** The banner once /playground/sim answered: the simulated clusters by name. */
function bannerText(sim) {
  var base = 'Simulated Google Cloud: no real project is touched';
  if (!sim || !Array.isArray(sim.clusters)) return base;
  var names = sim.clusters
    .map(function (c) {
      if (typeof c === 'string') return c;
      if (c && typeof c.name === 'string') return c.name;
      if (c && typeof c.cluster === 'string') return c.cluster;
      return '';
    })
    .filter(Boolean);
  return names.length ? base + ' · clusters: ' + names.join(', ') : base;
}

/** What a failed request says: the API's own error when it sent one. */
function failureText(status, body) {
  if (body && typeof body.error === 'string') return body.error;
  if (body && typeof body.message === 'string') return body.message;
  return 'HTTP ' + status;
}
`;

/** The names PLAYGROUND_LOGIC defines, for tests that evaluate it. */
export const PLAYGROUND_LOGIC_NAMES = [
  'USERS',
  'commandText',
  'webMessageOf',
  'isNewer',
  'threadOf',
  'isReply',
  'before',
  'authorName',
  'userFromSearch',
  'bannerText',
  'failureText',
] as const;
