import type { ServerResponse } from "node:http";
import type { RequestHandler } from "express";

/**
 * The SPA (and its GraphiQL playground, bundled with its Monaco workers) loads only from this
 * origin. Mantine and Monaco set inline styles, hence 'unsafe-inline' for styles only; scripts
 * stay 'self'. No page may frame the app (clickjacking of the restore confirmation).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Headers for every response, as name/value pairs in one flat list (what `res.writeHead` takes);
 * a route may narrow the policy further (the HTML export does).
 */
export const SECURITY_HEADERS: readonly string[] = [
  "Content-Security-Policy",
  CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options",
  "nosniff",
  "X-Frame-Options",
  "DENY",
  "Referrer-Policy",
  "same-origin",
  "Cross-Origin-Opener-Policy",
  "same-origin",
];

export function setSecurityHeaders(res: ServerResponse): void {
  for (let index = 0; index < SECURITY_HEADERS.length; index += 2) res.setHeader(SECURITY_HEADERS[index]!, SECURITY_HEADERS[index + 1]!);
}

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res);
    next();
  };
}
