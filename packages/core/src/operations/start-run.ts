import { randomUUID } from "node:crypto";
import { type Db, type OperationRun, PREPARED_STATEMENT, type Prisma } from "@atlas/db";
import { type OperationType, addJobArguments, jobKeyForRun, taskForOperationType } from "@atlas/jobs";
import { type Actor, actorLabel, assertCapability } from "../access/actor.ts";
import type { Capability } from "../access/capabilities.ts";
import { AUDIT_INSERT, auditActor } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import type { RunContextInput } from "./run-context.ts";
import { runColumns } from "./run-row.ts";
import { sanitizeRecord } from "../security/sanitize.ts";

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
 * Creates the run and enqueues its job together (one statement, see insertRun), or returns the active run of the same
 * (workspace, environment, type, target). The partial unique index decides races: a concurrent
 * start that loses the insert simply adopts the winner's run.
 */
export async function startOperationRun<T extends OperationType>(db: Db, actor: Actor, input: StartRunInput<T>): Promise<StartRunResult> {
  assertCapability(actor, input.workspaceId, input.environmentId, input.capability, "Environment");
  const targetKey = input.targetKey ?? "";
  for (let attempt = 0; attempt < 5; attempt++) {
    // A start without a domain record to link is one statement; a link needs its transaction.
    const created = input.link
      ? await db.$transaction(async (tx) => {
          const run = await insertRun(tx, actor, input, targetKey);
          if (run) await input.link?.(tx, run.id);
          return run;
        })
      : await insertRun(db, actor, input, targetKey);
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

/**
 * One statement inserts the run (only into an environment of this workspace), its first event,
 * its job and its audit event, and answers the run; it inserts nothing when an active run of the
 * same scope exists. A start is a request on the API's path: one round trip instead of six.
 */
async function insertRun(
  db: Db | Prisma.TransactionClient,
  actor: Actor,
  input: StartRunInput,
  targetKey: string,
): Promise<OperationRun | undefined> {
  // The id is chosen here so the job's payload can name the run inside the same statement.
  const id = randomUUID();
  const job = addJobArguments(taskForOperationType[input.type], { runId: id }, { jobKey: jobKeyForRun(id) });
  const { actorType, actorId } = auditActor(actor);
  const [run] = await db.$queryRaw<OperationRun[]>`${PREPARED_STATEMENT}
    with run as (
      insert into operation_runs (id, workspace_id, managed_environment_id, type, target_key, initiator_user_id, initiator_token_id, context, enqueue_attempts)
      select ${id}::uuid, ${input.workspaceId}::uuid, ${input.environmentId}::uuid, ${input.type}, ${targetKey},
             ${actor.kind === "user" ? actor.userId : null}::uuid, ${actor.kind === "token" ? actor.tokenId : null}::uuid,
             ${JSON.stringify(input.context ?? {})}::jsonb, 1
       where ${input.environmentId}::uuid is null
          or exists (select 1 from managed_environments where id = ${input.environmentId}::uuid and workspace_id = ${input.workspaceId}::uuid)
      on conflict (workspace_id, managed_environment_id, type, target_key) where status in ('queued', 'running')
      do nothing
      returning *
    ), started as (
      insert into operation_run_events (run_id, kind, to_status, to_outcome, reason_code, actor)
      select id, 'transition', 'queued', 'pending', 'started', ${actorLabel(actor)} from run
    ), audited as (
      ${AUDIT_INSERT}
      select workspace_id, managed_environment_id, ${actorType}, ${actorId}::text, 'operation_run.started', 'operation_run', id::text,
             'success', ${JSON.stringify(sanitizeRecord({ type: input.type, targetKey }))}::jsonb
        from run
    ), job as materialized (
      select graphile_worker.add_job(${job.identifier}::text, ${job.payload}::json, job_key := ${job.jobKey}::text,
                                     max_attempts := ${job.maxAttempts}::int, run_at := ${job.runAt}::timestamptz)
        from run
    )
    select ${runColumns("run")} from run, job`;
  return run;
}
