import type { Db } from "@atlas/db";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { type Capability, ROLE_CAPABILITIES, type Role } from "./capabilities.ts";

export interface WorkspaceGrant {
  workspaceId: string;
  role: Role;
  /** Empty: every environment of the workspace. */
  environmentIds: string[];
}

/** Who is acting. Every core service takes one and checks scope itself. */
export type Actor =
  | { kind: "user"; userId: string; displayName: string; isSupport: boolean; grants: WorkspaceGrant[] }
  | { kind: "token"; tokenId: string; displayName: string; grants: [WorkspaceGrant] }
  | { kind: "system"; name: string };

export function actorLabel(actor: Actor): string {
  if (actor.kind === "user") return `user:${actor.userId}`;
  if (actor.kind === "token") return `token:${actor.tokenId}`;
  return `system:${actor.name}`;
}

export function grantFor(actor: Actor, workspaceId: string): WorkspaceGrant | undefined {
  if (actor.kind === "system") return { workspaceId, role: "owner", environmentIds: [] };
  return actor.grants.find((grant) => grant.workspaceId === workspaceId);
}

export function canSeeEnvironment(actor: Actor, workspaceId: string, environmentId: string | null): boolean {
  const grant = grantFor(actor, workspaceId);
  if (!grant) return false;
  if (environmentId === null || grant.environmentIds.length === 0) return true;
  return grant.environmentIds.includes(environmentId);
}

/** Non-members and out-of-scope actors get NotFound, exactly as for a record that does not exist. */
export function assertVisible(actor: Actor, workspaceId: string, environmentId: string | null, what = "Record"): WorkspaceGrant {
  const grant = grantFor(actor, workspaceId);
  if (!grant || !canSeeEnvironment(actor, workspaceId, environmentId)) throw new NotFoundError(what);
  return grant;
}

/**
 * Where a permission is asked: a workspace, and the environment when the record belongs to one.
 * Tenant-owned rows carry exactly these fields, so a row is its own scope.
 */
export interface AccessScope {
  workspaceId: string;
  managedEnvironmentId?: string | null;
}

/**
 * The one permission question every service and resolver asks: the record is visible to the actor
 * (member, environment in scope) and the actor's role has the capability there.
 */
export function can(actor: Actor, capability: Capability, scope: AccessScope): boolean {
  const grant = grantFor(actor, scope.workspaceId);
  return Boolean(
    grant &&
      canSeeEnvironment(actor, scope.workspaceId, scope.managedEnvironmentId ?? null) &&
      ROLE_CAPABILITIES[grant.role].has(capability),
  );
}

/** Visible first (NotFound otherwise), then capable (Forbidden otherwise). */
export function assertCapability(
  actor: Actor,
  workspaceId: string,
  environmentId: string | null,
  capability: Capability,
  what = "Record",
): void {
  assertVisible(actor, workspaceId, environmentId, what);
  if (!can(actor, capability, { workspaceId, managedEnvironmentId: environmentId })) throw new ForbiddenError(capability);
}

/** Environment ids the actor may see in a workspace; undefined means all of them. */
export function visibleEnvironmentIds(actor: Actor, workspaceId: string): string[] | undefined {
  const grant = grantFor(actor, workspaceId);
  if (!grant) return [];
  return grant.environmentIds.length === 0 ? undefined : grant.environmentIds;
}

export const SYSTEM_ACTOR: Actor = { kind: "system", name: "worker" };

/**
 * The name a stored actor label (`user:<id>`, `token:<id>`) stands for: the person's display name or
 * the API token's name; null for system actors (clients word those from SYSTEM_ACTOR_NAMES) and for
 * users or tokens that no longer exist.
 */
export async function actorLabelName(
  db: { user: Pick<Db["user"], "findUnique">; apiToken: Pick<Db["apiToken"], "findUnique"> },
  label: string,
): Promise<string | null> {
  const [kind, id] = label.split(":", 2);
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  if (kind === "user") return (await db.user.findUnique({ where: { id }, select: { displayName: true } }))?.displayName ?? null;
  if (kind === "token") return (await db.apiToken.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
  return null;
}
