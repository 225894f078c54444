import type { Db, OperationRun, Prisma } from "@atlas/db";
import { type OperationType, enqueueTask, jobKeyForRun, taskForOperationType } from "@atlas/jobs";
import { type Actor, actorLabel, assertCapability } from "../access/actor.ts";
import type { Capability } from "../access/capabilities.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import type { RunContextInput } from "./run-context.ts";

export interface StartRunInput<T extends OperationType = OperationType> {
  workspaceId: string;
  environmentId: string | null;
  type: T;
  /** What inside the environment the run acts on ('' for the whole environment). */
  targetKey?: string;
  capability: Capability;
  context?: RunContextInput<T>;
  /**
   * Links the new run to its domain record in the creating transaction, before the job can be
   * picked up: a worker must never see a run whose record does not point at it yet.
   */
  link?: (tx: Prisma.TransactionClient, runId: string) => Promise<unknown>;
}

export interface StartRunResult {
  run: OperationRun;
  deduplicated: boolean;
}

/**
 * Creates the run and enqueues its job in one transaction, or returns the active run of the same
 * (workspace, environment, type, target). The partial unique index decides races: a concurrent
 * start that loses the insert simply adopts the winner's run.
 */
export async function startOperationRun<T extends OperationType>(db: Db, actor: Actor, input: StartRunInput<T>): Promise<StartRunResult> {
  assertCapability(actor, input.workspaceId, input.environmentId, input.capability, "Environment");
  const type: OperationType = input.type;
  const task = taskForOperationType[type];
  const targetKey = input.targetKey ?? "";
  for (let attempt = 0; attempt < 5; attempt++) {
    const created = await db.$transaction(async (tx) => {
      // One statement inserts the run (only into an environment of this workspace) and its first
      // event; a start costs no separate lookup or event round trip.
      const inserted = await tx.$queryRaw<{ id: string }[]>`
        with run as (
          insert into operation_runs (workspace_id, managed_environment_id, type, target_key, initiator_user_id, initiator_token_id, context, enqueue_attempts)
          select ${input.workspaceId}::uuid, ${input.environmentId}::uuid, ${input.type}, ${targetKey},
                 ${actor.kind === "user" ? actor.userId : null}::uuid, ${actor.kind === "token" ? actor.tokenId : null}::uuid,
                 ${JSON.stringify(input.context ?? {})}::jsonb, 1
           where ${input.environmentId}::uuid is null
              or exists (select 1 from managed_environments where id = ${input.environmentId}::uuid and workspace_id = ${input.workspaceId}::uuid)
          on conflict (workspace_id, managed_environment_id, type, target_key) where status in ('queued', 'running')
          do nothing
          returning id
        ), started as (
          insert into operation_run_events (run_id, kind, to_status, to_outcome, reason_code, actor)
          select id, 'transition', 'queued', 'pending', 'started', ${actorLabel(actor)} from run
        )
        select id from run`;
      const id = inserted[0]?.id;
      if (!id) return undefined;
      if (input.link) await input.link(tx, id);
      await enqueueTask(tx, task, { runId: id }, { jobKey: jobKeyForRun(id) });
      await recordAuditEvent(tx, {
        workspaceId: input.workspaceId,
        environmentId: input.environmentId,
        actor,
        action: "operation_run.started",
        targetType: "operation_run",
        targetId: id,
        outcome: "success",
        metadata: { type: input.type, targetKey },
      });
      return tx.operationRun.findUniqueOrThrow({ where: { id } });
    });
    if (created) return { run: created, deduplicated: false };
    const active = await db.operationRun.findFirst({
      where: {
        workspaceId: input.workspaceId,
        managedEnvironmentId: input.environmentId,
        type: input.type,
        targetKey,
        status: { in: ["queued", "running"] },
      },
    });
    // The active run may have finished between our insert and this read: then try again.
    if (active) return { run: active, deduplicated: true };
    // Nothing was inserted and nothing is active: the environment may not be in this workspace.
    if (
      input.environmentId &&
      !(await db.managedEnvironment.count({ where: { id: input.environmentId, workspaceId: input.workspaceId } }))
    ) {
      throw new NotFoundError("Environment");
    }
  }
  throw new Error("Could not start or find the active run after several attempts.");
}
