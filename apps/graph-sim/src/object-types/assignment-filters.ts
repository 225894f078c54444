// Foundation: assignment filters. Note the real-world quirk kept here on purpose: filters carry
// their scope tags in `roleScopeTags`, not `roleScopeTagIds` like policies do.

import type { SeedObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, variantSuffix } from "./definition.ts";

const FILTER_TEMPLATES = [
  { platform: "windows10AndLater", label: "Windows", topic: "Corporate devices", rule: '(device.deviceOwnership -eq "Corporate")' },
  { platform: "windows10AndLater", label: "Windows", topic: "Surface models", rule: '(device.model -contains "Surface")' },
  { platform: "windows10AndLater", label: "Windows", topic: "Windows 11", rule: '(device.osVersion -startsWith "10.0.22")' },
  { platform: "windows10AndLater", label: "Windows", topic: "Kiosk profile", rule: '(device.enrollmentProfileName -eq "Kiosk")' },
  { platform: "iOS", label: "iOS", topic: "iPads", rule: '(device.model -startsWith "iPad")' },
  { platform: "iOS", label: "iOS", topic: "Corporate iPhones", rule: '(device.deviceOwnership -eq "Corporate")' },
  { platform: "macOS", label: "macOS", topic: "Apple silicon", rule: '(device.model -contains "M")' },
  { platform: "androidForWork", label: "Android", topic: "Samsung devices", rule: '(device.manufacturer -eq "samsung")' },
] as const;

export const assignmentFilters: ObjectTypeDefinition = {
  key: "assignmentFilters",
  collectionPath: "deviceManagement/assignmentFilters",
  entityODataType: "#microsoft.graph.deviceAndAppManagementAssignmentFilter",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: true,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  seed(context, count) {
    const filters: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const template = FILTER_TEMPLATES[index % FILTER_TEMPLATES.length] as (typeof FILTER_TEMPLATES)[number];
      const name = `${template.label} - ${template.topic}${variantSuffix(index, FILTER_TEMPLATES.length, COMMON_VARIANTS)}`;
      filters.push({
        "@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentFilter",
        id: context.guid("assignmentFilters", name),
        ...context.timestamps(),
        displayName: name,
        description: context.random.chance(0.5) ? `Targets ${template.topic.toLowerCase()}` : "",
        platform: template.platform,
        rule: template.rule,
        roleScopeTags: context.roleScopeTagIds(),
        payloads: [],
        assignmentFilterManagementType: "devices",
      });
    }
    return filters;
  },
};
