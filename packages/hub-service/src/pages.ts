import { escapeHtml } from './html';
import type { ElevationLevel } from './levels';

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0 auto; padding: 2rem; max-width: 32rem; line-height: 1.4; }
  h1 { font-size: 1.3rem; }
  label { display: block; margin: 1rem 0 .25rem; }
  input[type=password] { width: 100%; box-sizing: border-box; padding: .4rem; font-size: 1rem; }
  button { margin-top: 1rem; padding: .4rem 1.2rem; font-size: 1rem; }
  .error { color: #cf222e; font-weight: 600; }
  .muted { color: #888; font-size: .85rem; }
`;

function page(title: string, nonce: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
${head}<title>${escapeHtml(title)} · Isobar</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A plain page for refusals and failures: what happened and what to do. */
export function renderMessagePage(title: string, message: string, nonce: string, link?: { href: string; text: string }): string {
  const action = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  return page(title, nonce, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n${action}`);
}

export interface ElevatePageModel {
  readonly person: string;
  readonly level: ElevationLevel;
  /** Already checked by safeReturnPath. */
  readonly next: string;
  readonly csrfToken: string;
  readonly minutes: number;
  readonly nonce: string;
  /** Shown above the form after a refused attempt. */
  readonly error?: string;
}

/**
 * The password form. The user name is in the form (read-only) so that
 * password managers fill the right entry; the server ignores it and uses the
 * signed-in person.
 */
export function renderElevatePage(model: ElevatePageModel): string {
  const error = model.error ? `<p class="error" id="error" role="alert">${escapeHtml(model.error)}</p>\n` : '';
  const body = `<h1>Raise privileges to ${escapeHtml(model.level)}</h1>
<p>For the next ${model.minutes} minutes you will be able to ${model.level === 'write' ? 'change and run' : 'run and stop'} workflows
that their owners let you ${escapeHtml(model.level)}. Confirm it is you, <strong id="person">${escapeHtml(model.person)}</strong>.</p>
${error}<form method="post" autocomplete="on">
<input type="hidden" name="csrf" value="${escapeHtml(model.csrfToken)}">
<input type="hidden" name="level" value="${escapeHtml(model.level)}">
<input type="hidden" name="next" value="${escapeHtml(model.next)}">
<input type="text" name="username" value="${escapeHtml(model.person)}" autocomplete="username" readonly hidden>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required autofocus>
<button type="submit">Raise to ${escapeHtml(model.level)}</button>
</form>
<p class="muted">Your password is checked by the hub and is not passed to any workflow owner's server.
<a href="${escapeHtml(model.next)}">Cancel</a></p>`;
  return page(`Raise to ${model.level}`, model.nonce, body);
}

/**
 * After sign-in, continue with a navigation started by this page rather
 * than a redirect: a redirect chain begun on another site does not carry
 * SameSite=Strict cookies, so the new session would look absent and the
 * sign-in would loop.
 */
export function renderContinuePage(next: string, nonce: string): string {
  const href = escapeHtml(next);
  return page(
    'Signed in',
    nonce,
    `<p>Signed in. <a id="continue" href="${href}">Continue</a></p>`,
    `<meta http-equiv="refresh" content="0; url=${href}">\n`,
  );
}
