import { PLAYGROUND_LOGIC } from './playground-logic';

/**
 * The page's DOM and network part, as browser JavaScript source (see PLAYGROUND_LOGIC for why it is
 * source text). It renders only HTML the server built with documentToHtml (message and App Home
 * bodies); every other text goes in through textContent.
 */
const PLAYGROUND_UI = String.raw`
var els = {
  user: document.getElementById('user'),
  channel: document.getElementById('channel'),
  empty: document.getElementById('channel-empty'),
  composer: document.getElementById('composer'),
  command: document.getElementById('command'),
  send: document.getElementById('send'),
  storm: document.getElementById('storm'),
  home: document.getElementById('home'),
  banner: document.getElementById('simulated-banner'),
  notice: document.getElementById('notice'),
  connection: document.getElementById('connection'),
};

// Everything shown belongs to one user and one stream: a switch starts a new generation, and
// answers that arrive for an older one are dropped.
var state = {
  user: userFromSearch(location.search),
  generation: 0,
  source: null,
  messages: new Map(),
  elements: new Map(),
  threads: new Map(),
  homeBusy: false,
  homeAgain: false,
};

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function notice(text, kind) {
  els.notice.textContent = text;
  els.notice.className = 'notice' + (kind ? ' ' + kind : '');
}

function setConnection(status) {
  var labels = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', offline: 'offline' };
  els.connection.textContent = labels[status];
  els.connection.className = 'connection ' + status;
}

/** JSON over fetch; throws the API's error text on a non-2xx answer. */
function api(method, path, body) {
  var init = { method: method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(path, init).then(function (res) {
    return res.text().then(function (text) {
      var data = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch (e) {
        data = null;
      }
      if (!res.ok) throw new Error(failureText(res.status, data));
      return data;
    });
  });
}

function userQuery() {
  return '?user=' + encodeURIComponent(state.user);
}

// ---- the channel ----

function messageElement(m) {
  var node = el('article', 'message' + (m.visibleTo ? ' private' : '') + (isReply(m) ? ' reply' : '') + (m.author === 'bot' ? ' from-bot' : ''));
  node.dataset.id = m.id;
  node.dataset.version = String(m.version);
  var name = authorName(m.author);
  node.appendChild(el('div', 'avatar', name.charAt(0).toUpperCase()));
  var main = el('div', 'main');
  var meta = el('div', 'meta');
  meta.appendChild(el('span', 'author', name));
  var time = el('time', 'time', new Date(m.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  time.dateTime = new Date(m.at).toISOString();
  meta.appendChild(time);
  if (m.visibleTo) {
    var label = el('span', 'private-label', 'only you');
    label.title = 'Only you can see this message';
    meta.appendChild(label);
  }
  if (m.version > 1) meta.appendChild(el('span', 'edited', '(updated)'));
  main.appendChild(meta);
  var content = el('div', 'content');
  // Built by documentToHtml on the server: every text and attribute in it is escaped there.
  content.innerHTML = m.html;
  main.appendChild(content);
  node.appendChild(main);
  return node;
}

/** A thread: its root, then its replies (indented). Created by whichever arrives first. */
function threadElement(key, at) {
  var thread = state.threads.get(key);
  if (thread) return thread;
  thread = el('div', 'thread');
  thread.dataset.thread = key;
  thread.dataset.at = String(at);
  thread.appendChild(el('div', 'replies'));
  state.threads.set(key, thread);
  return thread;
}

/** Puts a thread where its root's time says (a thread seen first through a reply moves when its root comes). */
function placeThread(thread) {
  var key = { at: Number(thread.dataset.at), id: thread.dataset.thread };
  var next = null;
  var children = els.channel.children;
  for (var i = 0; i < children.length; i++) {
    var other = children[i];
    if (other === thread) continue;
    if (before(key, { at: Number(other.dataset.at), id: other.dataset.thread })) {
      next = other;
      break;
    }
  }
  if (thread.nextSibling !== next || thread.parentNode !== els.channel) els.channel.insertBefore(thread, next);
}

function insertReply(replies, node, m) {
  var children = replies.children;
  for (var i = 0; i < children.length; i++) {
    var shown = state.messages.get(children[i].dataset.id);
    if (shown && before(m, shown)) return replies.insertBefore(node, children[i]);
  }
  return replies.appendChild(node);
}

/** Shows a message, or replaces the one with its id in place when this is a later version. */
function upsert(value, reveal) {
  var m = webMessageOf(value);
  if (!m || !isNewer(state.messages.get(m.id), m)) return;
  var nearBottom = els.channel.scrollHeight - els.channel.scrollTop - els.channel.clientHeight < 60;
  state.messages.set(m.id, m);
  var node = messageElement(m);
  var shown = state.elements.get(m.id);
  state.elements.set(m.id, node);
  if (shown && shown.parentNode) {
    shown.parentNode.replaceChild(node, shown);
  } else {
    var thread = threadElement(threadOf(m), m.at);
    if (isReply(m)) {
      insertReply(thread.querySelector('.replies'), node, m);
    } else {
      thread.insertBefore(node, thread.firstChild);
      thread.dataset.at = String(m.at);
    }
    placeThread(thread);
  }
  els.empty.hidden = state.messages.size > 0;
  if (reveal) node.scrollIntoView({ block: 'nearest' });
  else if (nearBottom) els.channel.scrollTop = els.channel.scrollHeight;
}

function loadMessages(generation) {
  return api('GET', '/playground/messages' + userQuery())
    .then(function (data) {
      if (generation !== state.generation || !data || !Array.isArray(data.messages)) return;
      data.messages.forEach(function (m) {
        upsert(m, false);
      });
    })
    .catch(function (e) {
      if (generation === state.generation) notice('Could not load the channel: ' + e.message, 'error');
    });
}

// ---- live updates ----

function openStream(generation) {
  var source = new EventSource('/playground/stream' + userQuery());
  state.source = source;
  source.addEventListener('message', function (event) {
    if (generation !== state.generation) return;
    var m = null;
    try {
      m = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    upsert(m, false);
    refreshHome();
  });
  // Every (re)connection reads the list again: what was posted while the stream was down shows too.
  source.addEventListener('open', function () {
    if (generation !== state.generation) return;
    setConnection('live');
    loadMessages(generation);
    refreshHome();
  });
  source.addEventListener('error', function () {
    if (generation !== state.generation) return;
    if (source.readyState === EventSource.CLOSED) {
      // The browser gives up on a refused stream (an HTTP error): try again a little later.
      setConnection('offline');
      setTimeout(function () {
        if (generation === state.generation) openStream(generation);
      }, 2000);
    } else {
      setConnection('reconnecting');
    }
  });
}

/** Shows the channel as one user sees it: a new stream, the list, the App Home. */
function switchUser(user) {
  state.user = user;
  state.generation += 1;
  if (state.source) state.source.close();
  state.source = null;
  state.messages.clear();
  state.elements.clear();
  state.threads.clear();
  els.channel.textContent = '';
  els.empty.hidden = false;
  els.user.value = user;
  els.command.placeholder = 'status shop   (you are ' + user + ')';
  setConnection('connecting');
  notice('', '');
  openStream(state.generation);
  loadMessages(state.generation);
  refreshHome();
}

// ---- the App Home ----

/** One request at a time; a refresh asked for meanwhile runs once after it. */
function refreshHome() {
  if (state.homeBusy) {
    state.homeAgain = true;
    return;
  }
  state.homeBusy = true;
  var generation = state.generation;
  api('GET', '/playground/home' + userQuery())
    .then(function (data) {
      // Built by the server from the core's documents (documentToHtml): escaped there.
      if (generation === state.generation && data && typeof data.html === 'string') els.home.innerHTML = data.html;
    })
    .catch(function (e) {
      if (generation === state.generation) els.home.textContent = 'The App Home is unavailable: ' + e.message;
    })
    .then(function () {
      state.homeBusy = false;
      if (state.homeAgain) {
        state.homeAgain = false;
        refreshHome();
      }
    });
}

// ---- what the user does ----

function sendCommand() {
  var text = commandText(els.command.value);
  if (!text) return;
  els.send.disabled = true;
  api('POST', '/playground/command', { user: state.user, text: text })
    .then(function (data) {
      els.command.value = '';
      notice('/imagestream ' + text, 'sent');
      if (data && data.answer) upsert(data.answer, true);
    })
    .catch(function (e) {
      notice('/imagestream ' + text + ' failed: ' + e.message, 'error');
    })
    .then(function () {
      els.send.disabled = false;
      els.command.focus();
    });
}

function clickAction(button) {
  var message = button.closest('.message[data-id]');
  button.disabled = true;
  api('POST', '/playground/click', {
    user: state.user,
    // A button of the App Home belongs to no channel message: no messageId (JSON drops undefined).
    messageId: message ? message.dataset.id : undefined,
    action: button.dataset.action || '',
    value: button.dataset.value || '',
  })
    .then(function (data) {
      if (data && data.answer) upsert(data.answer, true);
      refreshHome();
    })
    .catch(function (e) {
      notice((button.textContent || 'The button') + ' failed: ' + e.message, 'error');
    })
    .then(function () {
      button.disabled = false;
    });
}

function onActionClick(event) {
  var button = event.target.closest('button.action');
  if (button && !button.disabled) clickAction(button);
}

els.composer.addEventListener('submit', function (event) {
  event.preventDefault();
  sendCommand();
});
els.channel.addEventListener('click', onActionClick);
els.home.addEventListener('click', onActionClick);
els.user.addEventListener('change', function () {
  var user = USERS.indexOf(els.user.value) >= 0 ? els.user.value : USERS[0];
  history.replaceState(null, '', '?user=' + encodeURIComponent(user));
  switchUser(user);
});
els.storm.addEventListener('click', function () {
  els.storm.disabled = true;
  api('POST', '/playground/storm', {})
    .then(function () {
      notice('gcfsd storm injected: alerts arrive in the channel as the outbox posts them', 'sent');
    })
    .catch(function (e) {
      notice('The storm failed: ' + e.message, 'error');
    })
    .then(function () {
      els.storm.disabled = false;
    });
});

api('GET', '/playground/sim')
  .then(function (sim) {
    els.banner.textContent = bannerText(sim);
  })
  .catch(function () {
    // The banner's own text already says the cloud is simulated.
  });

switchUser(state.user);
`;

/** The page's whole script: the pure functions, then the DOM wiring, in one strict-mode scope. */
export const PLAYGROUND_SCRIPT = `(function () {\n'use strict';\n${PLAYGROUND_LOGIC}\n${PLAYGROUND_UI}\n})();\n`;
