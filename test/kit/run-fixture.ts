import pg from "pg";

export interface GeneratedRuns {
  workspaceId: string;
  environmentIds: readonly string[];
  count: number;
  /** Runs that share one created_at millisecond (ties the keyset cursor must settle by id). */
  runsPerInstant: number;
  /** Time between consecutive instants, newest at "now". */
  stepMs: number;
}

/**
 * Completed runs with realistic reconciliation contexts, generated in one INSERT ... SELECT over
 * generate_series (a million rows take seconds, not a loop of round trips). The mix, by row number:
 * five operation types (not in step with the environments or outcomes), every 50th run failed and every 97th partially succeeded, every 200th with a
 * proof gap, a few hundred queued ones at the newest end; environments in round robin.
 */
export async function generateRuns(connectionString: string, spec: GeneratedRuns): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(
      `with params as (select now() as newest)
       insert into operation_runs (workspace_id, managed_environment_id, type, target_key, status, outcome,
         has_proof_gaps, summary_counts, context, created_at, started_at, completed_at, updated_at)
       select $1::uuid, ($2::uuid[])[1 + g % cardinality($2::uuid[])], kind.type, 'generated-' || g,
         (case when g <= 300 then 'queued' else 'completed' end)::operation_run_status,
         verdict.outcome::operation_run_outcome, verdict.gap,
         jsonb_build_object('total', 40 + g % 60, 'succeeded', 40 + g % 60),
         case when g <= 300 then '{}'::jsonb else jsonb_build_object(
           'executionFinishedAt', to_char(at.created + interval '3 seconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'reconciliation', jsonb_build_object('latest', verdict.result, 'history', jsonb_build_array(verdict.result))) end,
         at.created, at.created + interval '1 second', at.created + interval '4 seconds', at.created + interval '4 seconds'
       from params, generate_series(1, $3::int) g
       cross join lateral (select params.newest - ((g - 1) / $4::int) * ($5::int * interval '1 millisecond') as created) at
       cross join lateral (select (array['inventory.sync','backup.capture','policy.capture_snapshot','restore.preview','restore.execute'])[1 + (g / 3) % 5] as type) kind
       cross join lateral (
         select o.outcome, g % 200 = 0 as gap, jsonb_build_object(
           'decision', case when g % 200 = 0 then 'not_reconciled' else 'reconciled' end,
           'outcome', o.outcome, 'reasonCode', case when g % 200 = 0 then 'proof_missing' else '' end,
           'proofGaps', case when g % 200 = 0
             then jsonb_build_array(jsonb_build_object('code', 'item_unverified', 'message', 'An item has no evidence.', 'expectedEvidence', 'policy_version'))
             else '[]'::jsonb end,
           'evidence', jsonb_build_array(jsonb_build_object('kind', 'item_count', 'value', (40 + g % 60)::text),
                                         jsonb_build_object('kind', 'hash', 'value', md5(g::text))),
           'adapter', kind.type, 'adapterVersion', '1',
           'evaluatedAt', to_char(at.created + interval '5 seconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) as result
         from (select case when g <= 300 then 'pending' when g % 50 = 0 then 'failed'
                           when g % 97 = 0 then 'partially_succeeded' else 'succeeded' end as outcome) o
       ) verdict`,
      [spec.workspaceId, spec.environmentIds, spec.count, spec.runsPerInstant, spec.stepMs],
    );
    await client.query("analyze operation_runs");
  } finally {
    await client.end();
  }
}
