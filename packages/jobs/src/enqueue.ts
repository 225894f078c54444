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
  const parsed = taskCatalog[task].parse(payload);
  await sql.$executeRawUnsafe(
    `select graphile_worker.add_job($1::text, $2::json, job_key := $3::text, max_attempts := $4::int, run_at := $5::timestamptz)`,
    task,
    JSON.stringify(parsed),
    options.jobKey ?? null,
    options.maxAttempts ?? 5,
    options.runAt ?? null,
  );
}
