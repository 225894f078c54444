// Administrative templates (ADMX) profiles, beta. The configuration itself is only a name: what it
// configures lives two levels down, in `/{id}/definitionValues` (each pointing at a global ADMX
// `definition`, returned only with `$expand=definition`) and `/{id}/definitionValues/{dvId}/presentationValues`
// (the values typed into the policy's controls). A capture needs both levels.

import type { SeedObject } from "../types.ts";
import { ADMX_DEFINITION_COUNT, buildDefinitionValues } from "./admx-catalog.ts";
import { updateDefinitionValues } from "./admx-writes.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, variantSuffix } from "./definition.ts";

const TOPICS = ["Edge Baseline", "OneDrive", "Office Security", "Remote Desktop", "Windows Update", "Logon Experience"] as const;

/**
 * Graph's page size for definition values is not documented; the simulator uses a small one so a
 * client that reads only the first page misses values in the demo tenants, as it may in real ones.
 */
export const DEFINITION_VALUES_PAGE_SIZE = 10;

export const groupPolicyConfigurations: ObjectTypeDefinition = {
  key: "groupPolicyConfigurations",
  collectionPath: "deviceManagement/groupPolicyConfigurations",
  entityODataType: "#microsoft.graph.groupPolicyConfiguration",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  nameFilter: true,
  // Definition values are written with this action only: a create or PATCH ignores inline ones.
  actions: { updateDefinitionValues },
  subCollections: [
    {
      name: "definitionValues",
      pageSize: DEFINITION_VALUES_PAGE_SIZE,
      itemNavigationProperties: ["definition"],
      children: [{ name: "presentationValues", itemNavigationProperties: ["presentation"] }],
    },
  ],
  seed(context, count) {
    const configurations: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const topic = TOPICS[index % TOPICS.length] as string;
      const displayName = `${context.tenantName} - ADMX - ${topic}${variantSuffix(index, TOPICS.length, COMMON_VARIANTS)}`;
      const id = context.guid("groupPolicyConfigurations", displayName);
      // Every fourth profile configures (almost) the whole catalog: more than one page of values.
      const valueCount = index % 4 === 0 ? ADMX_DEFINITION_COUNT - context.random.int(0, 2) : context.random.int(1, 8);
      configurations.push({
        "@odata.type": "#microsoft.graph.groupPolicyConfiguration",
        id,
        ...context.timestamps(),
        displayName,
        description: context.random.chance(0.5) ? `${topic} administrative templates` : "",
        roleScopeTagIds: context.roleScopeTagIds(),
        policyConfigurationIngestionType: "builtIn",
        definitionValues: buildDefinitionValues(context, valueCount, context.random.int(0, ADMX_DEFINITION_COUNT - 1), displayName),
        assignments: context.assignmentsFor(id),
      });
    }
    return configurations;
  },
};
