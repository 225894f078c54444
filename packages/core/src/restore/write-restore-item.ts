import type { Db, Prisma, RestoreRun } from "@atlas/db";
import {
  type ContractKey,
  type GraphClient,
  type WriteAcceptance,
  builtInReasonOf,
  contractFor,
  isGraphRequestError,
  previewOnlyReasonOf,
} from "@atlas/graph-client";
import { sanitizeMessage } from "../security/sanitize.ts";
import type { ReferenceMaps } from "./reference-maps.ts";
import { NOT_APPLICABLE } from "./restore-status.ts";
import { type TargetClaims, claimantOf, collisionMessage, resolveTarget } from "./target-resolution.ts";

export type RestoreItemRow = Prisma.RestoreItemGetPayload<{
  include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } };
}>;

/**
 * What the provider answered to this run's write of an item: which write (`source`), the object
 * id, and what identifies the answer. In assignments-only mode the answer is the `/assign`
 * response, or a read-back of the assignments taken after it when the response had no body.
 */
export interface ProviderAcceptance {
  id: string;
  source: "create" | "update" | "assign" | "assign_read_back";
  status: number | null;
  version: string | number | null;
  requestId: string | null;
  assignmentCount?: number;
}

export type ItemResult = Pick<RestoreItemRow, "outcome" | "targetProviderId" | "errorCode" | "errorMessage"> & {
  providerAcceptance?: Prisma.InputJsonValue;
  unmappedReferences?: Prisma.InputJsonValue;
};

function accepted(source: ProviderAcceptance["source"], answer: WriteAcceptance): ProviderAcceptance {
  return { id: answer.id, source, status: answer.status, version: answer.version ?? null, requestId: answer.requestId ?? null };
}

/** Assignments only: the provider's own answer to the `/assign`, else a read-back taken after it. */
async function assignAndConfirm(
  target: GraphClient,
  type: ContractKey,
  id: string,
  assignments: readonly Record<string, unknown>[],
): Promise<ProviderAcceptance> {
  const answer = await target.assign(type, id, assignments);
  const returned = (answer.raw as { value?: unknown } | undefined)?.value;
  if (Array.isArray(returned)) return { ...accepted("assign", answer), assignmentCount: returned.length };
  const readBack = await target.listAssignments(type, id);
  return { ...accepted("assign_read_back", answer), assignmentCount: readBack.length };
}

/**
 * Writes one item into the target and says how it ended. The object is looked up right before
 * writing, so a create accepted before a crash is found and updated instead of created twice; the
 * target it resolves to is claimed first, so no two items of a run ever write the same object.
 */
export async function writeRestoreItem(
  db: Db,
  target: GraphClient,
  restore: RestoreRun,
  item: RestoreItemRow,
  maps: ReferenceMaps,
  claims: TargetClaims,
): Promise<ItemResult> {
  const type = item.objectType as ContractKey;
  const contract = contractFor(type);
  const base = { targetProviderId: item.targetProviderId, errorCode: null, errorMessage: null };
  const document = item.backupItem.policyVersion.rawPayload as Record<string, unknown>;
  // Microsoft's built-in objects exist in every tenant and cannot be written: nothing of them applies.
  const builtIn = builtInReasonOf(type, document);
  if (builtIn) return { ...base, outcome: "skipped", errorCode: NOT_APPLICABLE, errorMessage: builtIn };
  // A line-of-business app's package is not in the backup: writing it would create an app that installs nothing.
  const previewOnly = previewOnlyReasonOf(type, document);
  if (previewOnly) return { ...base, outcome: "skipped", errorCode: NOT_APPLICABLE, errorMessage: previewOnly };
  if (contract.restoreSupport === "previewOnly" || item.previewAction === "skip") return { ...base, outcome: "skipped" };
  const assignmentsOnly = restore.scopeMode === "assignments_only";
  if (assignmentsOnly && !contract.hasAssignments)
    return {
      ...base,
      outcome: "skipped",
      errorCode: NOT_APPLICABLE,
      errorMessage: "Assignments only: this type has no assignments, so nothing of it is restored.",
    };
  try {
    const { matches, matchedBy } = await resolveTarget(
      target,
      type,
      item.backupItem.providerId,
      item.displayName,
      maps.sameTenant,
      document["@odata.type"],
    );
    if (matches.length > 1)
      return {
        ...base,
        outcome: "failed",
        errorCode: "IDENTITY_AMBIGUOUS",
        errorMessage: `${matches.length} objects in the target match "${item.displayName}".`,
      };
    const existingId = matches[0] ? String(matches[0].id) : null;
    const claimant = claimantOf(item);
    const collision = claims.claim(claimant, { targetId: existingId, byName: matchedBy === "name" });
    if (collision)
      return {
        ...base,
        targetProviderId: null,
        outcome: "failed",
        errorCode: "TARGET_COLLISION",
        errorMessage: collisionMessage(claimant, collision),
      };
    const planned = target.restorePayload(type, document, {
      idMap: maps.idMap,
      describe: maps.describe,
      mode: existingId ? "update" : "create",
      switchedOn: item.switchedOn,
    });
    // The preview blocked this; the target may have changed since (an excluded group deleted).
    if (planned.enforcement?.excludesNoAdministrators)
      return {
        ...base,
        outcome: "failed",
        errorCode: "CONDITIONAL_ACCESS_LOCKOUT",
        errorMessage: `Not written: "${item.displayName}" would be enabled while excluding no directory role, user or group in the target.`,
      };
    const unmapped = planned.unmapped.map(({ kind, sourceId, displayName }) => ({
      kind,
      sourceId,
      displayName,
    })) as unknown as Prisma.InputJsonValue;
    if (restore.dryRun) return { ...base, targetProviderId: existingId, outcome: "non_applied", unmappedReferences: unmapped };
    let acceptance: ProviderAcceptance;
    if (assignmentsOnly) {
      if (!existingId)
        return {
          ...base,
          outcome: "skipped",
          errorCode: "TARGET_MISSING",
          errorMessage: "Assignments only: the object does not exist in the target.",
        };
      acceptance = await assignAndConfirm(target, type, existingId, planned.assignments);
    } else {
      acceptance = existingId
        ? accepted("update", await target.updateObject(type, existingId, planned.body))
        : accepted("create", await target.createObject(type, planned.body));
      claims.remember(claimant, acceptance.id);
      await target.writeSubResources(type, acceptance.id, planned.subResourceWrites);
      if (restore.scopeMode !== "without_assignments" && contract.hasAssignments)
        await target.assign(type, acceptance.id, planned.assignments);
    }
    if (contract.isFoundation) {
      await db.restoreIdRemap.upsert({
        where: { restoreRunId_kind_sourceId: { restoreRunId: restore.id, kind: type, sourceId: item.backupItem.providerId } },
        create: { restoreRunId: restore.id, kind: type, sourceId: item.backupItem.providerId, targetId: acceptance.id },
        update: { targetId: acceptance.id },
      });
      // Later items' references to this foundation now map to it (foundations run one at a time).
      maps.remember(type, item.backupItem.providerId, acceptance.id);
    }
    const partial = planned.unmapped.length > 0;
    return {
      targetProviderId: acceptance.id,
      outcome: partial ? "partial" : "applied",
      providerAcceptance: acceptance as unknown as Prisma.InputJsonValue,
      unmappedReferences: unmapped,
      errorCode: partial ? "REFERENCE_UNMAPPED" : null,
      errorMessage: partial
        ? `Not restored: ${planned.unmapped.map((reference) => `${reference.kind} "${reference.displayName ?? reference.sourceId}"`).join(", ")} (missing in the target).`
        : null,
    };
  } catch (error) {
    // A write whose answer was lost is retried by the job; the lookup above then finds it.
    if (isGraphRequestError(error) && (error.code === "writeOutcomeUnknown" || error.transient)) throw error;
    const code = isGraphRequestError(error) ? `provider_${error.code}` : "restore_failed";
    return {
      ...base,
      outcome: "failed",
      errorCode: code,
      errorMessage: sanitizeMessage(error instanceof Error ? error.message : String(error)),
    };
  }
}
