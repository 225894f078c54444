import type { Db } from "@atlas/db";
import type { OperationType } from "@atlas/jobs";
import type { Actor } from "../access/actor.ts";
import type { Capability } from "../access/capabilities.ts";
import { NotFoundError } from "../errors.ts";
import type { RunContextInput } from "./run-context.ts";
import { type StartRunResult, startOperationRun } from "./start-run.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StartEnvironmentRunInput<T extends OperationType> {
  environmentId: string;
  type: T;
  capability: Capability;
  targetKey?: string;
  context?: RunContextInput<T>;
}

/**
 * Starts (or joins) a run on an environment when the caller knows only the environment: its
 * workspace comes from the environment row. An unknown id and an environment the actor may not
 * see both end in NotFound("Environment"), so callers cannot tell them apart.
 */
export async function startEnvironmentOperationRun<T extends OperationType>(
  db: Db,
  actor: Actor,
  input: StartEnvironmentRunInput<T>,
): Promise<StartRunResult> {
  if (!UUID.test(input.environmentId)) throw new NotFoundError("Environment");
  const environment = await db.managedEnvironment.findUnique({ where: { id: input.environmentId }, select: { workspaceId: true } });
  if (!environment) throw new NotFoundError("Environment");
  return startOperationRun(db, actor, {
    workspaceId: environment.workspaceId,
    environmentId: input.environmentId,
    type: input.type,
    capability: input.capability,
    targetKey: input.targetKey,
    context: input.context,
  });
}
