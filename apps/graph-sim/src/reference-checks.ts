// Referential checks Intune and Entra make on writes: scope tags, assignment filters, notification
// templates, custom compliance scripts, reusable settings, roles, configured mobile apps, named locations and groups must exist
// in the SAME tenant. Ids copied from another tenant therefore fail with a 400 here as they do in
// Graph, which is what keeps a cross-tenant restore honest about mapping.

import { conditionalAccessReferenceProblem } from "./object-types/conditional-access-policies.ts";
import { NO_NOTIFICATION_TEMPLATE_ID } from "./object-types/device-compliance-policies.ts";
import type { ObjectTypeDefinition } from "./object-types/definition.ts";
import { reusableSettingReferenceProblem } from "./object-types/reusable-policy-settings.ts";
import { roleAssignmentReferenceProblem } from "./object-types/role-assignments.ts";
import type { TenantStore } from "./tenant-store.ts";

/** Virtual targets (all devices / all licensed users) carry no group id. */
const GROUP_TARGET_TYPES = ["#microsoft.graph.groupAssignmentTarget", "#microsoft.graph.exclusionGroupAssignmentTarget"];

/** Scope tags (`roleScopeTagIds`, filters' `roleScopeTags`) and compliance notification templates of an entity body. */
export function entityReferenceProblem(store: TenantStore, type: ObjectTypeDefinition, body: Record<string, unknown>): string | undefined {
  if (type.key === "conditionalAccessPolicies") return conditionalAccessReferenceProblem(store, body);
  for (const property of ["roleScopeTagIds", "roleScopeTags"]) {
    const ids = body[property];
    if (ids === undefined || ids === null) continue;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) return `'${property}' must be an array of scope tag ids.`;
    // "0" is the built-in Default tag every tenant has, even a test seed without scope tags.
    const unknown = ids.find((id) => id !== "0" && !store.find("roleScopeTags", id));
    if (unknown !== undefined) return `Scope tag '${unknown}' was not found in this tenant.`;
  }
  if (type.key === "deviceCompliancePolicies") {
    const scriptId = (body.deviceCompliancePolicyScript as { deviceComplianceScriptId?: unknown } | null | undefined)
      ?.deviceComplianceScriptId;
    if (scriptId !== undefined && scriptId !== null && (typeof scriptId !== "string" || !store.find("deviceComplianceScripts", scriptId))) {
      return `Device compliance script '${String(scriptId)}' was not found in this tenant.`;
    }
    if (Array.isArray(body.scheduledActionsForRule)) return scheduledActionsProblem(store, body.scheduledActionsForRule);
  }
  if (type.key === "configurationPolicies" && body.settings !== undefined) {
    const problem = reusableSettingReferenceProblem(store, body.settings);
    if (problem) return problem;
  }
  if (type.key === "roleAssignments") {
    const problem = roleAssignmentReferenceProblem(store, body);
    if (problem) return problem;
  }
  if (type.key === "mobileAppConfigurations" && Array.isArray(body.targetedMobileApps)) {
    // The configured app is named by its id in this tenant's app catalog.
    const unknown = body.targetedMobileApps.find((id) => typeof id !== "string" || !store.find("mobileApps", id));
    if (unknown !== undefined) return `Mobile app '${String(unknown)}' was not found in this tenant.`;
  }
  return undefined;
}

/** Notification actions must name a template of this tenant (or Graph's all-zero "no template"). */
export function scheduledActionsProblem(store: TenantStore, rules: readonly unknown[]): string | undefined {
  for (const rule of rules) {
    const actions = (rule as { scheduledActionConfigurations?: unknown } | null)?.scheduledActionConfigurations;
    for (const action of Array.isArray(actions) ? actions : []) {
      const templateId = (action as { notificationTemplateId?: unknown } | null)?.notificationTemplateId;
      if (templateId === undefined || templateId === null || templateId === NO_NOTIFICATION_TEMPLATE_ID) continue;
      if (typeof templateId !== "string" || !store.find("notificationMessageTemplates", templateId)) {
        return `Notification message template '${String(templateId)}' was not found in this tenant.`;
      }
    }
  }
  return undefined;
}

/** An `/assign` body's assignments: each needs a target; group and filter ids must exist here. */
export function assignmentsProblem(store: TenantStore, assignments: readonly unknown[]): string | undefined {
  for (const [index, raw] of assignments.entries()) {
    const target = (raw as { target?: unknown } | null)?.target as Record<string, unknown> | undefined;
    if (typeof target !== "object" || target === null || typeof target["@odata.type"] !== "string") {
      return `Assignment ${index} needs a 'target' with an '@odata.type'.`;
    }
    if (GROUP_TARGET_TYPES.includes(target["@odata.type"] as string)) {
      const groupId = target.groupId;
      if (typeof groupId !== "string" || !store.hasGroup(groupId)) {
        return `Group '${String(groupId)}' of assignment ${index} was not found in the directory of this tenant.`;
      }
    }
    const filterId = target.deviceAndAppManagementAssignmentFilterId;
    if (filterId !== undefined && filterId !== null && (typeof filterId !== "string" || !store.find("assignmentFilters", filterId))) {
      return `Assignment filter '${String(filterId)}' of assignment ${index} was not found in this tenant.`;
    }
  }
  return undefined;
}
