const http = require('node:http');
const net = require('node:net');
const { chromium } = require('playwright-core');
const { FakeHub } = require('./dist/test/helpers/fake-hub');
const { launch, launchDocument } = require('./dist/test/helpers/child');

let target = null; let notRunning = false; let spawns = 0; // uiserver port or null (→ 503)
async function main() {
  const hub = await new FakeHub().start();
  const hubPort = Number(new URL(hub.origin).port);
  const proxy = http.createServer((req, res) => {
    if (req.url.startsWith('/hub/user/alice/')) {
      // Emulates implicit spawn: start the server, then send the browser back.
      (async () => { if (!target) { const s = await launch(global.doc); global.server = s; target = s.port; spawns++; } res.writeHead(302, { location: '/user/alice/' }).end(); })();
      return;
    }
    if (!target && notRunning && req.url.startsWith('/user/alice/')) { res.writeHead(302, { location: '/hub' + req.url }).end(); return; }
    const toHub = req.url.startsWith('/hub/');
    const port = toHub ? hubPort : target;
    if (!port) { res.writeHead(503, {'content-type':'text/html'}).end('proxy: 503'); return; }
    const up = http.request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers }, (r) => { res.writeHead(r.statusCode, r.headers); r.pipe(res); });
    up.on('error', () => { res.writeHead(503).end('proxy error'); });
    req.pipe(up);
  });
  proxy.on('upgrade', (req, socket, head) => {
    if (!target) { socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n'); return; }
    const up = net.connect(target, '127.0.0.1', () => {
      let raw = `${req.method} ${req.url} HTTP/1.1\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) raw += `${req.rawHeaders[i]}: ${req.rawHeaders[i+1]}\r\n`;
      up.write(raw + '\r\n'); up.write(head); up.pipe(socket); socket.pipe(up);
    });
    up.on('error', () => socket.destroy()); socket.on('error', () => up.destroy());
  });
  await new Promise(r => proxy.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${proxy.address().port}`;
  const doc = launchDocument(hub, { hubVersion: '3.0.0', keepaliveSeconds: 1, idleTimeoutSeconds: 600 });
  let server = await launch(doc);
  target = server.port;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  let loads = 0; page.on('load', () => loads++);
  const state = () => page.textContent('#connection');
  await page.goto(origin + '/user/alice/');
  await page.waitForFunction(() => document.getElementById('connection').textContent === 'live', null, { timeout: 5000 });
  console.log('1 live:', await state(), 'visitor', await page.textContent('#visitor'), 'owner', await page.textContent('#owner'), 'loads', loads);
  // Graceful restart: SIGTERM, then a new server (sessions lost) comes up after 3 s.
  server.child.kill('SIGTERM'); await server.exited;
  await page.waitForTimeout(300);
  console.log('2 after SIGTERM:', await state());
  target = null;
  await page.waitForTimeout(2500);
  console.log('3 while down (503):', await state(), 'loads', loads);
  server = await launch(doc); target = server.port;
  await page.waitForFunction(() => document.getElementById('connection').textContent === 'live', null, { timeout: 20000 });
  console.log('4 back:', await state(), 'loads', loads, 'url', page.url());
  // Long outage with a 503 proxy: must not reload onto an error page.
  server.child.kill('SIGKILL'); await server.exited; target = null;
  await page.waitForTimeout(14000);
  console.log('5 after 14 s of 503:', await state(), 'loads', loads, 'url', page.url());
  server = await launch(doc); target = server.port;
  await page.waitForFunction(() => document.getElementById('connection').textContent === 'live', null, { timeout: 30000 });
  console.log('6 back:', await state(), 'loads', loads);
  // Hub stops the server and removes the route: requests reach the hub, which respawns on navigation.
  notRunning = true; global.doc = doc;
  server.child.kill('SIGTERM'); await server.exited; target = null;
  await page.waitForTimeout(1500);
  await page.waitForFunction(() => document.getElementById('connection').textContent === 'live', null, { timeout: 30000 });
  console.log('7 respawned via hub:', await state(), 'loads', loads, 'spawns', spawns);
  server = global.server;
  console.log('errors', errors.filter(e => !/WebSocket connection|Failed to load resource/.test(e)));
  await browser.close(); await server.kill(); await hub.stop(); proxy.close();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
