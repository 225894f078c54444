import type { IncomingMessage } from "node:http";
import { type Authenticated, type CredentialCache, attemptLogin, logout } from "@atlas/core";
import type { Db } from "@atlas/db";
import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import express, { type Router } from "express";
import type { Logger } from "../logger.ts";

export const SESSION_COOKIE = "atlas_session";
/** Matches the session lifetime in core (12 h); the server checks expiry, the cookie only mirrors it. */
const SESSION_MAX_AGE_S = 12 * 60 * 60;

function sessionIdOf(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookies(header)[SESSION_COOKIE] || undefined : undefined;
}

/**
 * Who sent a request: `Authorization: Bearer <api token>` (partner tooling) wins over the SPA's
 * session cookie. A request with invalid credentials is treated like one with none (null).
 */
export async function authenticateRequest(credentials: CredentialCache, req: IncomingMessage): Promise<Authenticated | null> {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ? ((await credentials.apiToken(match[1])) ?? null) : null;
  }
  const sessionId = sessionIdOf(req);
  return sessionId ? ((await credentials.session(sessionId)) ?? null) : null;
}

function sessionCookie(req: express.Request, value: string, maxAge: number): string {
  return serializeCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: "lax", path: "/", secure: req.secure, maxAge });
}

/** POST /auth/login and POST /auth/logout (JSON). GraphQL itself has no login. */
export function authRoutes(db: Db, logger: Logger): Router {
  const router = express.Router();
  router.post("/auth/login", async (req, res) => {
    const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
    if (typeof email !== "string" || typeof password !== "string" || !email || !password) {
      res
        .status(400)
        .json({ error: "BAD_REQUEST", message: 'Send JSON { "email": "...", "password": "..." } with Content-Type: application/json.' });
      return;
    }
    if (email.includes("\0") || password.includes("\0") || email.length > 320 || password.length > 1024) {
      res.status(400).json({
        error: "VALIDATION_FAILED",
        message: "The e-mail address or the password contains a character that is not allowed or is too long.",
      });
      return;
    }
    try {
      const attempt = await attemptLogin(db, { email, password, address: req.ip ?? req.socket.remoteAddress ?? "unknown" });
      if (attempt.outcome === "throttled") {
        logger.warn("login refused: too many failed attempts", { requestId: res.locals.requestId, address: req.ip });
        res.setHeader("Retry-After", String(attempt.retryAfterSeconds));
        res.status(429).json({
          error: "RATE_LIMITED",
          message: `Too many failed sign-in attempts. Try again in ${attempt.retryAfterSeconds} seconds.`,
          retryAfterSeconds: attempt.retryAfterSeconds,
        });
        return;
      }
      if (attempt.outcome === "invalid") {
        res.status(401).json({ error: "INVALID_CREDENTIALS", message: "The e-mail address or the password is not correct." });
        return;
      }
      res.setHeader("Set-Cookie", sessionCookie(req, attempt.sessionId, SESSION_MAX_AGE_S));
      res.json({ ok: true });
    } catch (error) {
      logger.error("login failed unexpectedly", { requestId: res.locals.requestId, error });
      res.status(500).json({ error: "INTERNAL_SERVER_ERROR", message: "Internal server error", requestId: res.locals.requestId });
    }
  });
  router.post("/auth/logout", async (req, res) => {
    const sessionId = sessionIdOf(req);
    try {
      if (sessionId) await logout(db, sessionId);
    } catch (error) {
      logger.error("logout failed unexpectedly", { requestId: res.locals.requestId, error });
    }
    res.setHeader("Set-Cookie", sessionCookie(req, "", 0));
    res.json({ ok: true });
  });
  return router;
}
