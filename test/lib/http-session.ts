/**
 * A person's browser session towards the real hub, without a browser: keeps
 * cookies, follows redirects, and goes through the hub's login form, its
 * "server not running" page (implicit spawn) and spawn-pending page.
 */
import { CookieJar } from './cookie-jar';
import { jsonReply } from './json-reply';

export interface PageResult {
  status: number;
  url: string;
  body: string;
  headers: Headers;
  /** Every URL visited, redirects included. */
  trail: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class HubSession {
  readonly jar = new CookieJar();
  /** Who signed in (login), if anyone. */
  person: string | undefined;

  constructor(readonly baseUrl: string) {}

  /** One request with this session's cookies, redirects not followed (the caller reads the response). */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.baseUrl);
    const headers = new Headers(init.headers);
    const cookie = this.jar.headerFor(target.pathname);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.jar.store(res.headers.getSetCookie(), target.pathname);
    return res;
  }

  /** GET with redirects followed (up to `maxHops`), cookies kept. */
  async get(url: string, maxHops = 20): Promise<PageResult> {
    const trail: string[] = [];
    let current = new URL(url, this.baseUrl).toString();
    for (let hop = 0; hop < maxHops; hop++) {
      trail.push(current);
      const res = await this.request(current, { headers: { accept: 'text/html' } });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer();
        current = new URL(location, current).toString();
        continue;
      }
      return { status: res.status, url: current, body: await res.text(), headers: res.headers, trail };
    }
    throw new Error(`too many redirects: ${trail.join(' -> ')}`);
  }

  async login(username: string, password: string): Promise<void> {
    const form = await this.get('/hub/login');
    const xsrf = /name="_xsrf" value="([^"]+)"/.exec(form.body)?.[1] ?? this.jar.get('_xsrf');
    const body = new URLSearchParams({ username, password, ...(xsrf ? { _xsrf: xsrf } : {}) });
    const res = await this.request('/hub/login', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await res.arrayBuffer();
    if (res.status !== 302) throw new Error(`login as ${username} failed: HTTP ${res.status}`);
    this.person = username;
  }

  /**
   * Opens a URL the way a browser would, including the hub's implicit spawn
   * (the "not running" page's redirect to /hub/spawn) and waiting on the
   * spawn-pending page until the server is ready.
   */
  async open(url: string, timeoutMs = 60_000): Promise<PageResult> {
    const deadline = Date.now() + timeoutMs;
    let page = await this.get(url);
    let relaunched = false;
    while (Date.now() < deadline) {
      const relaunch = /<a id="start"[^>]*href="([^"]+)"/.exec(page.body)?.[1];
      if (page.status === 500 && relaunch && !relaunched) {
        // "Spawn failed": a person clicks Relaunch once.
        relaunched = true;
        page = await this.get(relaunch.replace(/&amp;/g, '&'));
        continue;
      }
      const spawnUrl = /var spawn_url = "([^"]+)"/.exec(page.body)?.[1];
      if (page.status === 424 && spawnUrl) {
        page = await this.get(spawnUrl.replace(/&amp;/g, '&'));
        continue;
      }
      if (new URL(page.url).pathname.startsWith('/hub/spawn-pending/')) {
        await sleep(200);
        page = await this.get(page.url);
        continue;
      }
      return page;
    }
    throw new Error(`${url} did not become ready within ${timeoutMs} ms (last: ${page.status} ${page.url})`);
  }

  /** A JSON request with this session's cookies (for the UI server's API). */
  async json(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
    return jsonReply(await this.request(url, init));
  }
}
