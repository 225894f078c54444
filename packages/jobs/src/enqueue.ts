import { type TaskName, type TaskPayload, taskCatalog } from "./catalog.ts";

/** The minimal SQL surface enqueueing needs: a Prisma transaction client or a pg client fits. */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface EnqueueOptions {
  jobKey?: string;
  maxAttempts?: number;
  runAt?: Date;
}

/**
 * Adds a graphile-worker job with plain SQL so it can share the caller's transaction: a run row
 * and its job are created together or not at all.
 */
export async function enqueueTask<T extends TaskName>(
  sql: SqlExecutor,
  task: T,
  payload: TaskPayload<T>,
  options: EnqueueOptions = {},
): Promise<void> {
  const job = addJobArguments(task, payload, options);
  await sql.$executeRawUnsafe(
    `select graphile_worker.add_job($1::text, $2::json, job_key := $3::text, max_attempts := $4::int, run_at := $5::timestamptz)`,
    job.identifier,
    job.payload,
    job.jobKey,
    job.maxAttempts,
    job.runAt,
  );
}

/**
 * The validated arguments of `graphile_worker.add_job` for a task, for a statement that adds the
 * job together with other writes in one round trip (a run's start).
 */
export function addJobArguments<T extends TaskName>(task: T, payload: TaskPayload<T>, options: EnqueueOptions = {}) {
  return {
    identifier: task as string,
    payload: JSON.stringify(taskCatalog[task].parse(payload)),
    jobKey: options.jobKey ?? null,
    maxAttempts: options.maxAttempts ?? 5,
    runAt: options.runAt ?? null,
  };
}
