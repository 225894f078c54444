import type { BackupSetStatus } from "../../graphql/generated/graphql";
import type { TypeCompleteness } from "./documents";

export type CompletenessState = "capturing" | "complete" | "incomplete";

export interface CompletenessSummary {
  state: CompletenessState;
  /** Item-level gaps, plus one per type whose shortfall names no item. */
  gapCount: number;
}

type CompletenessInput = Pick<TypeCompleteness, "complete" | "gaps" | "captured" | "providerTotal"> & { objectType?: string };

/** Whether a type captured fewer objects than the provider listed (unknown totals count as short). */
export function isShort(entry: Pick<TypeCompleteness, "captured" | "providerTotal">): boolean {
  return entry.providerTotal === null || entry.captured < entry.providerTotal;
}

/**
 * What the completeness badge says: a set still capturing proves nothing yet; a finished set is
 * complete only when every type is complete and nothing reports a gap.
 */
export function completenessSummary(set: {
  status: BackupSetStatus;
  hasGaps: boolean;
  completeness: CompletenessInput[];
}): CompletenessSummary {
  if (set.status === "CAPTURING") return { state: "capturing", gapCount: 0 };
  const gapCount = set.completeness.reduce((sum, entry) => {
    if (entry.gaps.length > 0) return sum + entry.gaps.length;
    return sum + (!entry.complete || isShort(entry) ? 1 : 0);
  }, 0);
  const incomplete = set.status !== "COMPLETED" || set.hasGaps || gapCount > 0;
  return { state: incomplete ? "incomplete" : "complete", gapCount };
}
