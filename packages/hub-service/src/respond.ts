import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { renderMessagePage } from './pages';

/** JSON error body for every API answer: `{status, code, message}`. */
export function sendJsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ status, code, message });
}

/** A fresh CSP nonce: the page's inline style is the only one allowed. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Send an HTML page under a strict policy: no scripts at all, nothing from
 * elsewhere, forms only back here, and never inside a frame (a framed
 * password form can be overlaid by the framing page).
 */
export function sendHtml(res: Response, status: number, html: string, nonce: string): void {
  res.setHeader(
    'Content-Security-Policy',
    ["default-src 'none'", `style-src 'nonce-${nonce}'`, "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"].join('; '),
  );
  res.setHeader('X-Frame-Options', 'DENY');
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
