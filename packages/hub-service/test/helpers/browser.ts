interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
  readonly attributes: string;
}

/**
 * A tiny browser on one origin (hub and service behind one proxy): a cookie
 * jar with paths, manual redirects and meta refreshes, and the Origin header
 * a real browser adds to POSTs.
 */
export class Browser {
  private cookies: StoredCookie[] = [];

  constructor(readonly origin: string) {}

  cookie(name: string): StoredCookie | undefined {
    return this.cookies.find((c) => c.name === name);
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
    this.cookies.push({ name, value, path, attributes: '' });
  }

  private cookieHeader(path: string): string {
    return this.cookies
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || path.startsWith(`${c.path}?`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(path, this.origin);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url.pathname + url.search);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) this.store(header);
    return response;
  }

  /** POST a form from one of our pages (Origin and fetch metadata as a browser sets them). */
  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.origin, 'Sec-Fetch-Site': 'same-origin', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** A same-origin fetch with a JSON body, as a UI server page makes it. */
  postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: this.origin, 'Sec-Fetch-Site': 'same-origin', ...headers },
      body: JSON.stringify(body),
    });
  }

  /** Follow redirects and meta refreshes like a browser; returns the last response, its path and its body. */
  async follow(path: string, maxHops = 10): Promise<{ response: Response; path: string; html: string; hops: string[] }> {
    let current = path;
    const hops: string[] = [];
    for (let i = 0; i < maxHops; i++) {
      hops.push(current);
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        current = location;
        continue;
      }
      const html = await response.text();
      const refresh = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html);
      if (!refresh?.[1]) return { response, path: current, html, hops };
      current = refresh[1].replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
    }
    throw new Error(`too many redirects: ${hops.join(' → ')}`);
  }

  private store(header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = '/';
    let expired = false;
    for (const attribute of attributes) {
      const [key = '', val = ''] = attribute.split('=');
      if (key.toLowerCase() === 'path') path = val;
      if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
    }
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
    if (!expired) this.cookies.push({ name, value, path, attributes: attributes.join('; ') });
  }
}

/** The hidden CSRF field of an elevation page. */
export function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF field on the page');
  return match[1];
}
