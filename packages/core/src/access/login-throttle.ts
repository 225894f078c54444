import type { Db } from "@atlas/db";
import { recordAuditEvent } from "../audit/audit.ts";
import { sha256 } from "../security/tokens.ts";
import { login } from "./authentication.ts";

/** Wrong passwords allowed per account and per client address before backoff starts. */
export const LOGIN_FREE_FAILURES = 5;
/** The n-th failure from the fifth on locks for 5 * 2^(n-5) seconds, at most this long. */
export const LOGIN_MAX_LOCK_SECONDS = 15 * 60;
/** Failures older than this (no new one since) are forgotten. */
const FAILURE_MEMORY = "1 hour";

export type LoginAttempt =
  | { outcome: "signed-in"; sessionId: string }
  | { outcome: "invalid" }
  | { outcome: "throttled"; retryAfterSeconds: number };

function throttleKeys(email: string, address: string): string[] {
  // The account key is hashed: the table must not become a list of e-mail addresses people tried.
  return [`account:${sha256(email.trim().toLowerCase())}`, `address:${address}`];
}

async function lockedFor(db: Db, keys: string[]): Promise<number> {
  const rows = await db.$queryRaw<{ wait: number | null }[]>`
    select ceil(extract(epoch from max(locked_until) - now()))::int as wait
    from login_throttles where key = any(${keys}) and locked_until > now()`;
  return rows[0]?.wait ?? 0;
}

/** Counts one failure per key (atomically, so parallel attempts all count) and returns the new lock. */
async function recordFailure(db: Db, keys: string[]): Promise<{ failures: number; retryAfterSeconds: number }> {
  const rows = await db.$queryRaw<{ failures: number }[]>`
    insert into login_throttles as t (key, failures)
    select unnest(${keys}::text[]), 1
    on conflict (key) do update set
      failures = case when t.updated_at < now() - ${FAILURE_MEMORY}::interval then 1 else t.failures + 1 end,
      updated_at = now()
    returning failures`;
  const failures = Math.max(...rows.map((row) => row.failures));
  if (failures < LOGIN_FREE_FAILURES) return { failures, retryAfterSeconds: 0 };
  await db.$executeRaw`
    update login_throttles
    set locked_until = now() + least(5 * power(2, failures - ${LOGIN_FREE_FAILURES}), ${LOGIN_MAX_LOCK_SECONDS}) * interval '1 second'
    where key = any(${keys}) and failures >= ${LOGIN_FREE_FAILURES}`;
  return { failures, retryAfterSeconds: await lockedFor(db, keys) };
}

async function auditLock(db: Db, email: string, address: string, failures: number, retryAfterSeconds: number): Promise<void> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, include: { memberships: true } });
  for (const membership of user?.memberships ?? []) {
    await recordAuditEvent(db, {
      workspaceId: membership.workspaceId,
      actor: { kind: "system", name: "login-throttle" },
      action: "auth.login.throttled",
      targetType: "User",
      targetId: user?.id,
      outcome: "denied",
      metadata: { failures, retryAfterSeconds, address },
    });
  }
}

/**
 * A sign-in with backoff: after five wrong passwords for an account or from an address, every
 * further one locks both for exponentially longer. A locked attempt is refused before the password
 * is checked. Unknown accounts are counted exactly like known ones, so answers reveal nothing.
 */
export async function attemptLogin(db: Db, input: { email: string; password: string; address: string }): Promise<LoginAttempt> {
  const keys = throttleKeys(input.email, input.address);
  const wait = await lockedFor(db, keys);
  if (wait > 0) return { outcome: "throttled", retryAfterSeconds: wait };
  const sessionId = await login(db, input.email, input.password);
  if (sessionId) {
    await db.loginThrottle.deleteMany({ where: { key: keys[0] } });
    return { outcome: "signed-in", sessionId };
  }
  const { failures, retryAfterSeconds } = await recordFailure(db, keys);
  if (retryAfterSeconds > 0) await auditLock(db, input.email, input.address, failures, retryAfterSeconds);
  return { outcome: "invalid" };
}
