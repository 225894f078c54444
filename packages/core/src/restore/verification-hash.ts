import { type ContractKey, type GraphObject, contentHash, contractFor, normalizeCapture, normalizePayload } from "@atlas/graph-client";

export type ScopeMode = "with_assignments" | "without_assignments" | "assignments_only";

/**
 * What verification compares for a scope mode: the whole object with its assignments, the object
 * without them (the restore did not touch them), or only the assignments.
 */
function comparable(typeKey: ContractKey, normalized: Record<string, unknown>, mode: ScopeMode): Record<string, unknown> {
  const { assignments, ...rest } = normalized;
  if (mode === "assignments_only") return { assignments: assignments ?? [] };
  if (mode === "without_assignments" || !contractFor(typeKey).hasAssignments) return rest;
  return { ...rest, assignments: assignments ?? [] };
}

export function expectedHash(typeKey: ContractKey, expectedDocument: GraphObject, mode: ScopeMode): string {
  return contentHash(
    comparable(typeKey, normalizePayload(typeKey, expectedDocument) as Record<string, unknown>, mode) as Parameters<typeof contentHash>[0],
  );
}

export function readBackHash(typeKey: ContractKey, captured: { raw: GraphObject; assignments: GraphObject[] }, mode: ScopeMode): string {
  return contentHash(
    comparable(typeKey, normalizeCapture(typeKey, captured) as Record<string, unknown>, mode) as Parameters<typeof contentHash>[0],
  );
}
