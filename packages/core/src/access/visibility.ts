import { type AccessScope, type Actor, assertVisible, can, canSeeEnvironment, visibleEnvironmentIds } from "./actor.ts";

/**
 * Where-clause builders for what an actor may see. Lists and their counts build their filter from
 * these, so a page, its totalCount and a lookup by id can never disagree about visibility.
 */

/** Tenant-owned rows of a workspace that the actor may see. */
export interface EnvironmentScopeWhere {
  workspaceId: string;
  managedEnvironmentId?: { in: string[] };
}

/**
 * The visible part of a workspace as a filter on `workspaceId`/`managedEnvironmentId`, narrowed to
 * the requested environments when some are given (those outside the actor's restriction match
 * nothing). NotFound for a workspace the actor is not a member of.
 */
export function environmentScopeWhere(actor: Actor, workspaceId: string, requested?: readonly string[] | null): EnvironmentScopeWhere {
  assertVisible(actor, workspaceId, null, "Workspace");
  const allowed = visibleEnvironmentIds(actor, workspaceId);
  const wanted = requested?.length ? [...requested] : undefined;
  const ids = allowed && wanted ? wanted.filter((id) => allowed.includes(id)) : (wanted ?? allowed);
  return { workspaceId, ...(ids ? { managedEnvironmentId: { in: ids } } : {}) };
}

/** The environments of a workspace the actor may see (a membership may be limited to some). */
export function visibleEnvironmentsWhere(actor: Actor, workspaceId: string): { workspaceId: string; id?: { in: string[] } } {
  const ids = visibleEnvironmentIds(actor, workspaceId);
  return { workspaceId, ...(ids ? { id: { in: ids } } : {}) };
}

/** Load restore runs with this, so the source check of `canSeeRestoreRun` has what it needs. */
export const RESTORE_RUN_SOURCE = { sourceBackupSet: { select: { managedEnvironmentId: true } } } as const;

export interface RestoreRunAccess extends AccessScope {
  deletedAt: Date | null;
  sourceBackupSet: { managedEnvironmentId: string } | null;
}

/** A restore run shows its source backup's items, so the source environment must be visible too. */
export function canSeeRestoreSource(actor: Actor, run: Omit<RestoreRunAccess, "deletedAt">): boolean {
  return !run.sourceBackupSet || canSeeEnvironment(actor, run.workspaceId, run.sourceBackupSet.managedEnvironmentId);
}

/**
 * Restore runs (and what hangs off them) are visible to whoever may read restores of the target
 * (readonly auditors too) and can see the source environment; deleted runs are gone.
 */
export function canSeeRestoreRun(actor: Actor, run: RestoreRunAccess): boolean {
  return !run.deletedAt && canSeeRestoreSource(actor, run) && can(actor, "restore.read", run);
}
