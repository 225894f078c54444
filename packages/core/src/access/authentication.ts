import type { Db } from "@atlas/db";
import { ValidationError } from "../errors.ts";
import { hashPassword, verifyPassword } from "../security/passwords.ts";
import { newSecret, sha256 } from "../security/tokens.ts";
import type { Actor } from "./actor.ts";
import { type Role, isRole } from "./capabilities.ts";

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const SESSION_PREFIX = "ses_";
const TOKEN_PREFIX = "atl_";

// Verifying against a real hash when the user is unknown keeps response times alike, so login
// answers do not reveal which e-mail addresses exist.
let decoyHash: Promise<string> | undefined;

/** Returns the session id for the cookie, or undefined when the credentials do not match. */
export async function login(db: Db, email: string, password: string): Promise<string | undefined> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) {
    decoyHash ??= hashPassword("decoy-password");
    await verifyPassword(await decoyHash, password);
    return undefined;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return undefined;
  const sessionId = newSecret(SESSION_PREFIX);
  await db.session.create({
    data: { id: sha256(sessionId), userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
  });
  return sessionId;
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sha256(sessionId) } });
}

export async function loadUserActor(db: Db, userId: string): Promise<Actor | undefined> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { memberships: true } });
  if (!user) return undefined;
  return {
    kind: "user",
    userId: user.id,
    displayName: user.displayName,
    isSupport: user.isPlatformSupport,
    grants: user.memberships.map((m) => ({ workspaceId: m.workspaceId, role: m.role, environmentIds: m.environmentIds })),
  };
}

/** A session's user as an actor, with the time the session ends (undefined: none or expired). */
export async function findSessionActor(db: Db, sessionHash: string): Promise<{ actor: Actor; expiresAt: Date } | undefined> {
  const session = await db.session.findUnique({ where: { id: sessionHash } });
  if (!session || session.expiresAt.getTime() < Date.now()) return undefined;
  const actor = await loadUserActor(db, session.userId);
  return actor ? { actor, expiresAt: session.expiresAt } : undefined;
}

/** A live API token as an actor, with when it was last used (undefined: unknown or revoked). Writes nothing. */
export async function findApiTokenActor(db: Db, tokenHash: string): Promise<{ actor: Actor; lastUsedAt: Date | null } | undefined> {
  const found = await db.apiToken.findUnique({ where: { tokenHash } });
  if (!found || found.revokedAt) return undefined;
  return {
    lastUsedAt: found.lastUsedAt,
    actor: {
      kind: "token",
      tokenId: found.id,
      displayName: `API token ${found.name}`,
      grants: [{ workspaceId: found.workspaceId, role: found.role, environmentIds: [] }],
    },
  };
}

export function isApiTokenShaped(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX);
}

export async function actorFromSession(db: Db, sessionId: string): Promise<Actor | undefined> {
  return (await findSessionActor(db, sha256(sessionId)))?.actor;
}

/** Uncached lookup (CLI, tests); the API goes through the credential cache, which also records use. */
export async function actorFromApiToken(db: Db, token: string): Promise<Actor | undefined> {
  if (!isApiTokenShaped(token)) return undefined;
  return (await findApiTokenActor(db, sha256(token)))?.actor;
}

export interface CreatedApiToken {
  id: string;
  /** Shown once; only its hash is stored. */
  token: string;
}

export async function createApiToken(
  db: Db,
  input: { workspaceId: string; name: string; role: string; createdByUserId?: string },
): Promise<CreatedApiToken> {
  if (!isRole(input.role)) {
    throw new ValidationError(`Unknown role "${input.role}".`, [
      { path: ["role"], message: "Use one of owner, manager, operator, readonly." },
    ]);
  }
  const token = newSecret(TOKEN_PREFIX);
  const created = await db.apiToken.create({
    data: {
      workspaceId: input.workspaceId,
      name: input.name,
      role: input.role as Role,
      tokenHash: sha256(token),
      tokenPrefix: token.slice(0, 8),
      createdByUserId: input.createdByUserId ?? null,
    },
  });
  return { id: created.id, token };
}

export async function revokeApiToken(db: Db, workspaceId: string, tokenId: string): Promise<boolean> {
  const result = await db.apiToken.updateMany({
    where: { id: tokenId, workspaceId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count === 1;
}

export async function createUser(
  db: Db,
  input: { email: string; displayName: string; password: string; isPlatformSupport?: boolean },
): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new ValidationError("The e-mail address is not valid.", [{ path: ["email"], message: "Expected name@domain." }]);
  }
  if (input.password.length < 8) {
    throw new ValidationError("The password is too short.", [{ path: ["password"], message: "Use at least 8 characters." }]);
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db.user.upsert({
    where: { email },
    create: { email, displayName: input.displayName, passwordHash, isPlatformSupport: input.isPlatformSupport ?? false },
    update: { displayName: input.displayName, passwordHash },
  });
  return user.id;
}
