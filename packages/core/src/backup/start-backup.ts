import type { Db } from "@atlas/db";
import { type Actor, assertVisible } from "../access/actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type StartRunResult, startOperationRun } from "../operations/start-run.ts";
import type { BackupCaptureContext } from "./capture-context.ts";

export interface StartBackupInput {
  environmentId: string;
  name?: string | null;
  trigger?: BackupCaptureContext["trigger"];
}

async function environmentOf(db: Db, actor: Actor, environmentId: string) {
  const environment = await db.managedEnvironment.findUnique({ where: { id: environmentId } });
  if (!environment) throw new NotFoundError("Environment");
  assertVisible(actor, environment.workspaceId, environment.id, "Environment");
  return environment;
}

/** Starts (or joins the active) backup of one environment; the worker does the capture. */
export async function startBackup(db: Db, actor: Actor, input: StartBackupInput): Promise<StartRunResult> {
  if (input.name && input.name.length > 200) {
    throw new ValidationError("The backup name is too long.", [{ path: ["name"], message: "Use at most 200 characters." }]);
  }
  const environment = await environmentOf(db, actor, input.environmentId);
  const context: Partial<BackupCaptureContext> = { trigger: input.trigger ?? "manual", name: input.name?.trim() || undefined };
  return startOperationRun(db, actor, {
    workspaceId: environment.workspaceId,
    environmentId: environment.id,
    type: "backup.capture",
    capability: "backup.run",
    context,
  });
}

/** Captures one policy's current version (deduplicated per policy while active). */
export async function startPolicySnapshot(
  db: Db,
  actor: Actor,
  input: { environmentId: string; objectType: string; providerId: string },
): Promise<StartRunResult> {
  const environment = await environmentOf(db, actor, input.environmentId);
  const known = await db.inventoryItem.findFirst({
    where: {
      workspaceId: environment.workspaceId,
      managedEnvironmentId: environment.id,
      objectType: input.objectType,
      providerId: input.providerId,
    },
  });
  if (!known) throw new NotFoundError("Policy");
  return startOperationRun(db, actor, {
    workspaceId: environment.workspaceId,
    environmentId: environment.id,
    type: "policy.capture_snapshot",
    targetKey: `${input.objectType}:${input.providerId}`,
    capability: "backup.run",
    context: { objectType: input.objectType, providerId: input.providerId, displayName: known.displayName },
  });
}
