/**
 * The browser side of the page, inlined (no CDN, no build step for the
 * browser). Plain ES2017 so any current browser runs it. It keeps one
 * websocket open, sends keepalives, and recovers on its own:
 *  - socket closed: reconnect with growing, jittered delays;
 *  - server answers 401 (restarted, sessions lost) or the hub says the
 *    server is not running (424, redirect): reload through the hub, which
 *    signs the visitor in again and respawns a timed-out server;
 *  - down for ~10 s: reload too, unless the proxy still points at a dead
 *    server (502/503/504) or nothing answers, where a reload would strand
 *    the page on an error screen; then keep probing until the hub notices
 *    (its poll removes the route, and requests reach the hub again).
 * Reloads themselves back off (sessionStorage) so a broken server is never
 * hammered.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('isobar-config').textContent);
  var connectionEl = document.getElementById('connection');
  var visitorEl = document.getElementById('visitor');
  var ownerEl = document.getElementById('owner');
  var serverTimeEl = document.getElementById('server-time');
  var RELOAD_AFTER_MS = 10000;
  var HANDSHAKE_TIMEOUT_MS = 8000;
  var VIEW_KEY = 'isobar-view:' + cfg.prefix;
  var VIEW_MAX_AGE_MS = 30 * 60 * 1000;
  var RELOAD_KEY = 'isobar-reload:' + cfg.prefix;
  var socket = null;
  var keepaliveTimer = null;
  var retryTimer = null;
  var restartTimer = null;
  var attempt = 0;
  var downSince = null;
  var lastAlive = 0;
  var everLive = false;
  var restarting = false;
  var reloading = false;

  function setState(state) {
    connectionEl.textContent = state;
    connectionEl.setAttribute('data-state', state.replace(/ /g, '-'));
    // The web UI keeps its own data connection, but shows this one's verdict too.
    try { window.dispatchEvent(new CustomEvent('isobar:connection', { detail: { state: state } })); } catch (e) {}
  }

  function wsUrl() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + cfg.wsPath;
  }

  function connect() {
    retryTimer = null;
    if (reloading) return;
    setState(restarting ? 'server restarting' : everLive ? 'reconnecting' : 'connecting');
    var ws;
    try {
      ws = new WebSocket(wsUrl());
    } catch (e) {
      down(0);
      return;
    }
    socket = ws;
    // A proxy can leave an upgrade hanging (the hub's redirect for a stopped
    // server is never passed back): give up on a handshake that does not finish.
    var handshakeTimer = setTimeout(function () {
      if (socket === ws && ws.readyState === 0) { ws.onclose = null; try { ws.close(); } catch (e) {} down(0); }
    }, HANDSHAKE_TIMEOUT_MS);
    ws.onopen = function () {
      clearTimeout(handshakeTimer);
      if (socket !== ws) return;
      attempt = 0;
      downSince = null;
      restarting = false;
      if (restartTimer) { clearTimeout(restartTimer); restartTimer = null; }
      everLive = true;
      lastAlive = Date.now();
      setState('live');
      keepaliveTimer = setInterval(function () { keepalive(ws); }, cfg.keepaliveSeconds * 1000);
      setTimeout(function () { if (socket === ws) forgetReloads(); }, 60000);
    };
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.type === 'hello') {
        visitorEl.textContent = msg.visitor;
        ownerEl.textContent = msg.owner;
        if (serverTimeEl) serverTimeEl.textContent = msg.serverTime;
      } else if (msg.type === 'alive') {
        lastAlive = Date.now();
        if (serverTimeEl) serverTimeEl.textContent = msg.serverTime;
      }
    };
    ws.onclose = function (event) {
      if (socket !== ws) return;
      down(event.code);
    };
  }

  function keepalive(ws) {
    if (socket !== ws || ws.readyState !== 1) return;
    // No answer for several intervals: the connection is dead even if the
    // browser has not noticed (sleep, network change). Drop it ourselves.
    if (Date.now() - lastAlive > cfg.keepaliveSeconds * 3000 + 60000) {
      try { ws.close(4000, 'no keepalive reply'); } catch (e) {}
      down(4000);
      return;
    }
    ws.send(JSON.stringify({ type: 'keepalive' }));
  }

  function down(code) {
    if (socket) { socket.onclose = null; socket = null; }
    if (keepaliveTimer) { clearInterval(keepaliveTimer); keepaliveTimer = null; }
    if (reloading || retryTimer) return;
    if (code === 4401 || code === 4403) { reload(); return; }
    if (downSince === null) {
      downSince = Date.now();
      // Say so after ~10 s even if no probe happens to run at that moment.
      restartTimer = setTimeout(function () {
        restartTimer = null;
        if (downSince !== null && !reloading) { restarting = true; setState('server restarting'); }
      }, RELOAD_AFTER_MS + 100);
    }
    // 1001: the server said it is going away (stopped by the hub, or restarting).
    if (code === 1001 || Date.now() - downSince > RELOAD_AFTER_MS) restarting = true;
    setState(restarting ? 'server restarting' : everLive ? 'reconnecting' : 'connecting');
    probe();
  }

  // Ask over plain HTTP what is going on before trying the socket again.
  function probe() {
    var done = false;
    var timer = setTimeout(function () { finish('unreachable'); }, 5000);
    function finish(verdict) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (verdict === 'session-gone' || verdict === 'not-running') { reload(); return; }
      // Reachable but the socket keeps failing: a fresh page is the last resort.
      if (verdict === 'up') { if (Date.now() - downSince > RELOAD_AFTER_MS) reload(); else retry(); return; }
      if (Date.now() - downSince > RELOAD_AFTER_MS) {
        restarting = true;
        setState('server restarting');
      }
      retry();
    }
    fetch(cfg.prefix + 'api/whoami', { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' }).then(function (res) {
      if (res.type === 'opaqueredirect') finish('not-running');
      else if (res.status === 401) finish('session-gone');
      else if (res.ok) finish('up');
      else if (res.status === 502 || res.status === 503 || res.status === 504) finish('unreachable');
      else finish('not-running');
    }, function () { finish('unreachable'); });
  }

  function retry() {
    attempt += 1;
    // Quick retries at first; once the server is clearly gone, fewer (many screens may be waiting).
    var delay = Math.min(500 * Math.pow(2, attempt - 1), restarting ? 20000 : 8000);
    delay = delay / 2 + Math.random() * delay / 2;
    retryTimer = setTimeout(connect, delay);
  }

  function readReloads() {
    try { return JSON.parse(sessionStorage.getItem(RELOAD_KEY) || '{"count":0,"at":0}'); } catch (e) { return { count: 0, at: 0 }; }
  }

  function forgetReloads() {
    try { sessionStorage.removeItem(RELOAD_KEY); } catch (e) {}
  }

  function reload() {
    if (reloading) return;
    reloading = true;
    setState('server restarting');
    var past = readReloads();
    // 0 s, then 10 s, 20 s, 40 s ... capped at 5 minutes.
    var wait = past.count === 0 ? 0 : Math.min(10000 * Math.pow(2, past.count - 1), 300000);
    var delay = Math.max(0, past.at + wait - Date.now());
    setTimeout(function () {
      try { sessionStorage.setItem(RELOAD_KEY, JSON.stringify({ count: past.count + 1, at: Date.now() })); } catch (e) {}
      // Without the #fragment: a URL differing only in it would not load anything.
      // The view comes back from sessionStorage (restoreView) after the reload.
      location.replace(cfg.prefix + location.search);
    }, delay);
  }

  // The hub's "not running" and spawn pages move on by script, which drops
  // the URL's #fragment (the view: which workflow, which task). Remember this
  // tab's view, and take it back when the hub brings the tab here again.
  function rememberView() {
    try { sessionStorage.setItem(VIEW_KEY, JSON.stringify({ hash: location.hash, at: Date.now() })); } catch (e) {}
  }
  function restoreView() {
    if (location.hash) return;
    var saved = null;
    var reloaded = readReloads();
    try { saved = JSON.parse(sessionStorage.getItem(VIEW_KEY) || 'null'); } catch (e) {}
    // Only when this tab was brought back (our reload, or the hub's redirects), not for a URL typed without a view.
    var broughtBack = /[?&]redirects=\d/.test(location.search) || (reloaded.count > 0 && Date.now() - reloaded.at < VIEW_MAX_AGE_MS);
    if (broughtBack && saved && typeof saved.hash === 'string' && saved.hash.charAt(0) === '#' && Date.now() - saved.at < VIEW_MAX_AGE_MS) {
      history.replaceState(null, '', location.pathname + location.search + saved.hash);
    }
  }
  restoreView();
  rememberView();
  window.addEventListener('hashchange', rememberView);

  connect();
})();
`;
