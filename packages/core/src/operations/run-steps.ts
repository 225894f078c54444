// A run's steps between its status changes: one timeline line per finished unit of work (an object
// type read to the end), so someone watching a long backup sees it move, as a CI log does. A client
// words a step from its code and params; `message` is the English wording for API clients.

import type { Db } from "@atlas/db";
import { contractFor, isContractKey } from "@atlas/graph-client";
import { SYSTEM_ACTOR, actorLabel } from "../access/actor.ts";
import type { MessageParams, RunStepCode } from "../codes.ts";

export type RunStep = { code: Extract<RunStepCode, "type_read">; params: { type: string; count: number } };

function englishOf(step: RunStep): string {
  const { type, count } = step.params;
  const label = isContractKey(type) ? contractFor(type).label : type;
  return `${label}: ${count} read.`;
}

/**
 * Appends the step to the run's timeline while the run is running (a step reported after the run
 * ended, or of a run taken over meanwhile, is dropped) and touches the run, so its live subscribers
 * hear of it.
 */
export async function recordRunStep(db: Db, runId: string, step: RunStep): Promise<void> {
  const params: MessageParams = step.params;
  await db.$executeRaw`
    with running as (
      update operation_runs set updated_at = now() where id = ${runId}::uuid and status = 'running' returning id
    )
    insert into operation_run_events (run_id, kind, reason_code, message, params, actor)
    select id, 'step', ${step.code}, ${englishOf(step)}, ${JSON.stringify(params)}::jsonb, ${actorLabel(SYSTEM_ACTOR)} from running`;
}
