// The state a restore writes for types that take effect the moment they are written (Conditional
// Access policies, contract `enforcement`), and the lockout such a write risks. A policy copied into
// a tenant arrives report-only unless the operator switched it on; switched on, a policy whose
// conditions exclude no directory role, user or group can shut every administrator out.

import { USER_KEYWORDS } from "../conditional-access-contracts.ts";
import { type ContractKey, type ObjectContract, contractFor } from "../contracts.ts";
import type { GraphObject } from "../graph-client.ts";
import { isRecord } from "../normalize/payload-path.ts";
import type { EnforcementPlan } from "./restore-types.ts";

/**
 * Sets the written state on `document` (a remapped private copy, changed in place) and says what
 * it is. The exclusions are read after mapping: an excluded group missing in the target excludes nobody.
 */
export function applyEnforcement(contract: ObjectContract, document: GraphObject, switchedOn: boolean): EnforcementPlan | undefined {
  const enforcement = contract.enforcement;
  if (!enforcement) return undefined;
  const current = document[enforcement.property];
  const sourceState = typeof current === "string" ? current : null;
  const writtenState = switchedOn
    ? enforcement.onValue
    : sourceState !== null && enforcement.keptValues.includes(sourceState)
      ? sourceState
      : enforcement.safeValue;
  document[enforcement.property] = writtenState;
  return {
    sourceState,
    writtenState,
    reportOnly: writtenState === enforcement.safeValue,
    switchedOn,
    excludesNoAdministrators: writtenState === enforcement.onValue && !excludesAnyone(document),
  };
}

/**
 * Whether the policy's conditions leave someone out: a directory role (Global Administrator ...),
 * a user or a group. Keywords (`GuestsOrExternalUsers`) are not administrators.
 */
function excludesAnyone(document: GraphObject): boolean {
  const users = isRecord(document.conditions) && isRecord(document.conditions.users) ? document.conditions.users : {};
  const ids = (key: string) => (Array.isArray(users[key]) ? (users[key] as unknown[]) : []).filter((value) => typeof value === "string");
  const keywords: readonly unknown[] = USER_KEYWORDS;
  return (
    ids("excludeRoles").length > 0 || ids("excludeGroups").length > 0 || ids("excludeUsers").some((value) => !keywords.includes(value))
  );
}

/**
 * The state a restore writes for an object of a type with `enforcement`, from its capture document
 * alone (no mapping): what the preview shows per policy. Undefined for other types.
 */
export function writtenStateOf(typeKey: ContractKey, document: Record<string, unknown>, switchedOn: boolean): string | undefined {
  return applyEnforcement(contractFor(typeKey), { ...document } as GraphObject, switchedOn)?.writtenState;
}
