// Device compliance policies. Graph quirk kept on purpose: a create must carry exactly one `block`
// action in `scheduledActionsForRule`, yet a plain GET never returns that property (it needs
// `?$expand=scheduledActionsForRule($expand=scheduledActionConfigurations)` or the sub-collection),
// so a naive "GET then POST" restore fails here exactly as it does against the real service.

import { deterministicGuid, type SeededRandom } from "../deterministic.ts";
import { scheduledActionsProblem } from "../reference-checks.ts";
import type { SeedObject, SimObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectAction, type ObjectTypeDefinition, type SeedContext, variantSuffix } from "./definition.ts";

/** Graph's "no template" value in scheduled actions. */
export const NO_NOTIFICATION_TEMPLATE_ID = "00000000-0000-0000-0000-000000000000";

interface ComplianceTemplate {
  odataType: string;
  platform: string;
  properties(random: SeededRandom): Record<string, unknown>;
}

const COMPLIANCE_TEMPLATES: readonly ComplianceTemplate[] = [
  {
    odataType: "windows10CompliancePolicy",
    platform: "Win",
    properties: (random) => ({
      passwordRequired: true,
      passwordBlockSimple: true,
      passwordMinimumLength: random.int(8, 14),
      osMinimumVersion: random.pick(["10.0.19045", "10.0.22621", "10.0.22631"]),
      bitLockerEnabled: true,
      secureBootEnabled: true,
      codeIntegrityEnabled: true,
      storageRequireEncryption: true,
      activeFirewallRequired: true,
      defenderEnabled: true,
      antivirusRequired: true,
      deviceThreatProtectionEnabled: false,
      deviceThreatProtectionRequiredSecurityLevel: "unavailable",
    }),
  },
  {
    odataType: "iosCompliancePolicy",
    platform: "iOS",
    properties: (random) => ({
      passcodeRequired: true,
      passcodeMinimumLength: random.pick([4, 6]),
      osMinimumVersion: random.pick(["16.0", "17.0"]),
      securityBlockJailbrokenDevices: true,
      managedEmailProfileRequired: false,
    }),
  },
  {
    odataType: "androidWorkProfileCompliancePolicy",
    platform: "Android",
    properties: (random) => ({
      passwordRequired: true,
      passwordMinimumLength: random.int(4, 8),
      osMinimumVersion: "11.0",
      securityBlockJailbrokenDevices: true,
      storageRequireEncryption: true,
      securityRequireSafetyNetAttestationBasicIntegrity: true,
    }),
  },
  {
    odataType: "macOSCompliancePolicy",
    platform: "macOS",
    properties: (random) => ({
      passwordRequired: true,
      osMinimumVersion: random.pick(["13.0", "14.0"]),
      storageRequireEncryption: true,
      firewallEnabled: true,
      gatekeeperAllowedAppSource: "macAppStoreAndIdentifiedDevelopers",
      systemIntegrityProtectionEnabled: true,
    }),
  },
];

const TOPICS = ["Baseline", "Strict", "BYOD", "Corporate"] as const;

/** Graph's rule: exactly one scheduled action rule containing exactly one `block` action. */
function validateScheduledActions(body: Record<string, unknown>): string | undefined {
  const rules = body.scheduledActionsForRule;
  const message =
    "scheduledActionsForRule must contain exactly one rule with exactly one block action (it is not returned by GET; add it when creating).";
  if (!Array.isArray(rules) || rules.length !== 1) return message;
  const actions = (rules[0] as { scheduledActionConfigurations?: unknown }).scheduledActionConfigurations;
  if (!Array.isArray(actions)) return message;
  const blocks = actions.filter((action) => (action as { actionType?: unknown }).actionType === "block");
  return blocks.length === 1 ? undefined : message;
}

/**
 * `POST /{id}/scheduleActionsForRules` with `{ deviceComplianceScheduledActionForRules: [...] }`:
 * how Graph replaces the scheduled actions of an EXISTING policy (PATCH ignores them). Same rule as
 * on create: exactly one rule with exactly one block action.
 */
const scheduleActionsForRules: ObjectAction = ({ store, stored, body }) => {
  const rules = body.deviceComplianceScheduledActionForRules;
  const invalid = validateScheduledActions({ scheduledActionsForRule: rules }) ?? scheduledActionsProblem(store, rules as unknown[]);
  if (invalid) return invalid;
  const newId = (kind: string) => deterministicGuid(stored.body.id, kind, String(store.nextSequence()));
  stored.children.scheduledActionsForRule = (rules as Record<string, unknown>[]).map((rule) => ({
    ...rule,
    id: newId("scheduledActionsForRule"),
    scheduledActionConfigurations: (rule.scheduledActionConfigurations as Record<string, unknown>[]).map((action) => ({
      ...action,
      id: newId("scheduledActionConfigurations"),
    })),
  }));
  return undefined;
};

export const deviceCompliancePolicies: ObjectTypeDefinition = {
  key: "deviceCompliancePolicies",
  collectionPath: "deviceManagement/deviceCompliancePolicies",
  entityODataType: "#microsoft.graph.deviceCompliancePolicy",
  polymorphic: true,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: true,
  assignable: true,
  nameFilter: true,
  subCollections: [{ name: "scheduledActionsForRule", acceptedOnCreate: true, children: [{ name: "scheduledActionConfigurations" }] }],
  validateCreate: validateScheduledActions,
  actions: { scheduleActionsForRules },
  seed(context, count) {
    const policies: SeedObject[] = [];
    const templateCount = COMPLIANCE_TEMPLATES.length * TOPICS.length;
    for (let index = 0; index < count; index++) {
      const template = COMPLIANCE_TEMPLATES[index % COMPLIANCE_TEMPLATES.length] as ComplianceTemplate;
      const topic = TOPICS[Math.floor(index / COMPLIANCE_TEMPLATES.length) % TOPICS.length] as string;
      const suffix = variantSuffix(index, templateCount, COMMON_VARIANTS);
      const displayName = `${context.tenantName} - ${template.platform} - Compliance ${topic}${suffix}`;
      const id = context.guid("deviceCompliancePolicies", displayName);
      const { createdDateTime, lastModifiedDateTime } = context.timestamps();
      policies.push({
        "@odata.type": `#microsoft.graph.${template.odataType}`,
        roleScopeTagIds: context.roleScopeTagIds(),
        id,
        createdDateTime,
        description: context.random.chance(0.6) ? `${topic} compliance for ${template.platform}` : "",
        lastModifiedDateTime,
        displayName,
        version: context.random.int(1, 6),
        ...template.properties(context.random),
        assignments: context.assignmentsFor(id),
        scheduledActionsForRule: [scheduledActionRule(context, id)],
      });
    }
    return policies;
  },
};

/**
 * The one rule every compliance policy has: block immediately, often an e-mail via a notification
 * template (a foundation the policy then depends on), sometimes a retire after 30 days.
 */
export function scheduledActionRule(context: SeedContext, policyId: string): SimObject {
  const templateIds = (context.seeded.notificationMessageTemplates ?? []).map((template) => template.id);
  const action = (actionType: string, gracePeriodHours: number, notificationTemplateId = NO_NOTIFICATION_TEMPLATE_ID) => ({
    "@odata.type": "#microsoft.graph.deviceComplianceActionItem",
    id: context.guid("scheduledActionConfigurations", policyId, actionType),
    gracePeriodHours,
    actionType,
    notificationTemplateId,
    notificationMessageCCList: [] as string[],
  });
  const actions = [action("block", 0)];
  if (templateIds.length > 0 && context.random.chance(0.6)) actions.push(action("notification", 24, context.random.pick(templateIds)));
  if (context.random.chance(0.25)) actions.push(action("retire", 720));
  return {
    "@odata.type": "#microsoft.graph.deviceComplianceScheduledActionForRule",
    id: context.guid("scheduledActionsForRule", policyId),
    ruleName: "PasswordRequired",
    scheduledActionConfigurations: actions,
  };
}
