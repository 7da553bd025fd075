import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { renderMessagePage } from './page';

/** JSON error body shared by every API answer: `{status, code, message}`. */
export function sendJsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ status, code, message });
}

/** A fresh CSP nonce: the page's inline script and style are the only ones allowed to run. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Send an HTML page under a strict policy: nothing from elsewhere, inline
 * code only with this response's nonce, websockets only back to this host.
 */
export function sendHtml(res: Response, status: number, html: string, nonce: string, wsHost?: string): void {
  const connect = wsHost ? `'self' ws://${wsHost} wss://${wsHost}` : `'self'`;
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      `connect-src ${connect}`,
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'self'",
    ].join('; '),
  );
  res.status(status).type('html').send(html);
}

/** A short page telling a person what happened and what to do next. */
export function sendMessagePage(
  res: Response,
  status: number,
  title: string,
  message: string,
  link?: { href: string; text: string },
): void {
  const nonce = newNonce();
  sendHtml(res, status, renderMessagePage(title, message, nonce, link), nonce);
}
