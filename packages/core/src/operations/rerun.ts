import type { Db, OperationRun } from "@atlas/db";
import { type Actor, assertVisible, can } from "../access/actor.ts";
import type { Capability } from "../access/capabilities.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { startBackup, startPolicySnapshot } from "../backup/start-backup.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { composeEnvironmentReview } from "../reviews/compose-review.ts";
import { readRunContext } from "./run-context.ts";
import { startEnvironmentOperationRun } from "./start-environment-run.ts";
import type { StartRunResult } from "./start-run.ts";
import { isFinalStatus } from "./status.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Operation types whose scope a finished run fully describes, so the same start can be asked again,
 * with the capability their start service asks for.
 */
const RERUN_CAPABILITIES: Record<string, Capability> = {
  "inventory.sync": "inventory.sync",
  "backup.capture": "backup.run",
  "policy.capture_snapshot": "backup.run",
  "environment.review.compose": "review.compose",
};

function isRerunnable(type: string): boolean {
  return Object.hasOwn(RERUN_CAPABILITIES, type);
}

/** Whether the actor may start this run again now: it has finished, its type can be re-run, and the actor may start that type there. */
export function canRerun(actor: Actor, run: Pick<OperationRun, "type" | "status" | "workspaceId" | "managedEnvironmentId">): boolean {
  const capability = RERUN_CAPABILITIES[run.type];
  return Boolean(capability && run.managedEnvironmentId && isFinalStatus(run.status) && can(actor, capability, run));
}

/**
 * Starts the operation of a finished run again with the same scope, through the type's own start
 * service: the same capability check, the same deduplication (an active run of that scope is
 * returned instead of a new one) and the same start audit. Restore runs are planned in the restore
 * wizard (a live restore needs its typed confirmation), so they are refused here.
 */
export async function rerunOperationRun(db: Db, actor: Actor, runId: string): Promise<StartRunResult> {
  if (!UUID.test(runId)) throw new NotFoundError("Operation run");
  const run = await db.operationRun.findUnique({ where: { id: runId } });
  if (!run) throw new NotFoundError("Operation run");
  assertVisible(actor, run.workspaceId, run.managedEnvironmentId, "Operation run");
  if (!isFinalStatus(run.status)) throw new ConflictError("The run is still active; it can be run again once it has finished.");
  if (!isRerunnable(run.type) || !run.managedEnvironmentId) {
    throw new ValidationError("This run cannot be started again from here.", [
      { path: ["runId"], message: "Restores are planned again in the restore wizard." },
    ]);
  }
  const started = await startSameScope(db, actor, run.type, run.managedEnvironmentId, run.context);
  await recordAuditEvent(db, {
    workspaceId: run.workspaceId,
    environmentId: run.managedEnvironmentId,
    actor,
    action: "operation_run.rerun",
    targetType: "operation_run",
    targetId: started.run.id,
    outcome: "success",
    metadata: { type: run.type, rerunOf: run.id, deduplicated: started.deduplicated },
  });
  return started;
}

async function startSameScope(db: Db, actor: Actor, type: string, environmentId: string, context: unknown): Promise<StartRunResult> {
  switch (type) {
    case "inventory.sync":
      return startEnvironmentOperationRun(db, actor, { environmentId, type: "inventory.sync", capability: "inventory.sync" });
    case "backup.capture": {
      const { name } = readRunContext("backup.capture", context);
      // A re-run is the operator's own capture, whatever started the first one (a schedule's retention must not remove it).
      return startBackup(db, actor, { environmentId, name, trigger: "manual" });
    }
    case "policy.capture_snapshot": {
      const { objectType, providerId } = readRunContext("policy.capture_snapshot", context);
      return startPolicySnapshot(db, actor, { environmentId, objectType, providerId });
    }
    case "environment.review.compose":
      return composeEnvironmentReview(db, actor, { environmentId });
    default:
      throw new ValidationError("This run cannot be started again from here.", [{ path: ["runId"], message: type }]);
  }
}
