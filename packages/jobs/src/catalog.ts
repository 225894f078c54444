import { z } from "zod";

/**
 * The one place that knows every task name and its payload shape. The API enqueues and the worker
 * runs against these schemas, so both always agree.
 */
export const taskCatalog = {
  "inventory.sync": z.object({ runId: z.string().uuid() }),
  "operations.stale_sweep": z.object({}).passthrough(),
  "backup.capture": z.object({ runId: z.string().uuid() }),
  "policy.capture_snapshot": z.object({ runId: z.string().uuid() }),
  "backup.schedule_tick": z.object({}).passthrough(),
  "restore.preview": z.object({ runId: z.string().uuid() }),
  "restore.execute": z.object({ runId: z.string().uuid() }),
  "environment.review.compose": z.object({ runId: z.string().uuid() }),
  "environment.review.schedule_tick": z.object({}).passthrough(),
  "drift.check": z.object({ runId: z.string().uuid() }),
  "drift.schedule_tick": z.object({}).passthrough(),
} as const;

export type TaskName = keyof typeof taskCatalog;
export type TaskPayload<T extends TaskName> = z.infer<(typeof taskCatalog)[T]>;

/** Every operation type and the task that executes its runs: the one list of operation types. */
export const taskForOperationType = {
  "inventory.sync": "inventory.sync",
  "backup.capture": "backup.capture",
  "policy.capture_snapshot": "policy.capture_snapshot",
  "restore.preview": "restore.preview",
  "restore.execute": "restore.execute",
  "environment.review.compose": "environment.review.compose",
  "drift.check": "drift.check",
} as const satisfies Record<string, TaskName>;

export type OperationType = keyof typeof taskForOperationType;

/** Run rows store their type as text: this narrows it. */
export function isOperationType(value: string): value is OperationType {
  return Object.hasOwn(taskForOperationType, value);
}

export function parseTaskPayload<T extends TaskName>(task: T, payload: unknown): TaskPayload<T> {
  return taskCatalog[task].parse(payload) as TaskPayload<T>;
}

/** Jobs of a run share this key, so the sweeper can tell whether a run's job still exists. */
export function jobKeyForRun(runId: string): string {
  return `run:${runId}`;
}
