import { PAGE_SCRIPT } from './page-script';
import { escapeHtml } from './html';

export interface PageModel {
  readonly visitor: string;
  readonly owner: string;
  readonly prefix: string;
  readonly keepaliveSeconds: number;
  readonly nonce: string;
  /** Whether the visitor may act on workflows at all (the server checks each action again). */
  readonly canAct?: boolean;
  /** Big-screen mode: read-only, large type, dark; set by `?kiosk=1`. */
  readonly kiosk?: boolean;
  /** Whether the web UI's bundle is there to load (dist/public/app.js). */
  readonly app?: boolean;
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; padding: 1.5rem 2rem; line-height: 1.4; }
  header { display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid #8884; padding-bottom: .75rem; }
  h1 { font-size: 1.3rem; margin: 0; }
  .who { color: #888; }
  .who strong { color: inherit; }
  #connection { margin-left: auto; padding: .15rem .6rem; border-radius: 1rem; font-size: .9rem; background: #8883; }
  #connection[data-state="live"] { background: #1a7f37; color: #fff; }
  #connection[data-state="reconnecting"], #connection[data-state="connecting"] { background: #bf8700; color: #fff; }
  #connection[data-state="server-restarting"] { background: #cf222e; color: #fff; }
  main { margin-top: 1rem; }
  html.kiosk { color-scheme: dark; font-size: 150%; background: #0d1117; color: #e6edf3; }
  .muted { color: #888; font-size: .85rem; }
`;

/** The UI server's page. Element ids `visitor`, `owner`, `connection` are the contract with tests and the web UI. */
export function renderPage(model: PageModel): string {
  // JSON inside <script> must not be able to close the element.
  const config = JSON.stringify({
    prefix: model.prefix,
    wsPath: `${model.prefix}api/ws`,
    graphqlPath: `${model.prefix}graphql`,
    keepaliveSeconds: model.keepaliveSeconds,
    visitor: model.visitor,
    owner: model.owner,
    canAct: model.canAct === true && model.kiosk !== true,
    kiosk: model.kiosk === true,
  }).replace(/</g, '\\u003c');
  const prefix = escapeHtml(model.prefix);
  const appCss = model.app ? `<link rel="stylesheet" href="${prefix}static/app.css" nonce="${model.nonce}">\n` : '';
  const appScript = model.app ? `<script type="module" src="${prefix}static/app.js" nonce="${model.nonce}"></script>\n` : '';
  return `<!doctype html>
<html lang="en"${model.kiosk ? ' class="kiosk"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.owner)} · Isobar</title>
<style nonce="${model.nonce}">${STYLE}</style>
${appCss}</head>
<body>
<header>
  <h1>Cylc workflows of <span id="owner">${escapeHtml(model.owner)}</span></h1>
  <span class="who">signed in as <strong id="visitor">${escapeHtml(model.visitor)}</strong></span>
  <span id="connection" data-state="connecting" role="status" aria-live="polite">connecting</span>
</header>
<main id="app"></main>
<footer><p class="muted">Server time: <span id="server-time">–</span></p></footer>
<script type="application/json" id="isobar-config">${config}</script>
<script nonce="${model.nonce}">${PAGE_SCRIPT}</script>
${appScript}</body>
</html>
`;
}

/** A plain page for refusals and failed logins: what happened and what to do. */
export function renderMessagePage(title: string, message: string, nonce: string, link?: { href: string; text: string }): string {
  const action = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} · Isobar</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
${action}
</body>
</html>
`;
}
