import { assertNever } from "../util/assert-never.ts";

export const RUN_STATUSES = ["queued", "running", "completed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_OUTCOMES = ["pending", "succeeded", "partially_succeeded", "failed", "blocked", "cancelled"] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];
export type FinalOutcome = Exclude<RunOutcome, "pending">;

export function isFinalStatus(status: RunStatus): boolean {
  switch (status) {
    case "queued":
    case "running":
      return false;
    case "completed":
      return true;
    default:
      return assertNever(status);
  }
}

export function isFinalOutcome(outcome: RunOutcome): outcome is FinalOutcome {
  return outcome !== "pending";
}

export const ACTIVE_STATUSES: RunStatus[] = RUN_STATUSES.filter((status) => !isFinalStatus(status));

/**
 * The transition table: the only moves a run may make. `running -> running` is a resume by another
 * worker after the first one died.
 */
const ALLOWED: Record<RunStatus, readonly RunStatus[]> = {
  queued: ["running", "completed"],
  running: ["running", "completed"],
  completed: [],
};

export interface TransitionTarget {
  status: RunStatus;
  outcome: RunOutcome;
}

/** Returns why a transition is not allowed, or undefined when it is. */
export function transitionViolation(from: RunStatus, to: TransitionTarget): string | undefined {
  if (!ALLOWED[from].includes(to.status)) return `transition ${from} -> ${to.status} is not allowed`;
  const needsFinalOutcome = isFinalStatus(to.status);
  if (needsFinalOutcome && !isFinalOutcome(to.outcome)) return `a ${to.status} run needs a final outcome`;
  if (!needsFinalOutcome && to.outcome !== "pending") return `an active run keeps outcome pending`;
  return undefined;
}
