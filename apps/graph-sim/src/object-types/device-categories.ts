// Device categories (beta): names users pick at enrollment so devices land in dynamic groups. Plain
// entities with scope tags, no assignments.

import type { DeviceCategory } from "@microsoft/microsoft-graph-types-beta";
import type { SeedObject } from "../types.ts";
import type { ObjectTypeDefinition, SeedEntity } from "./definition.ts";

const CATEGORIES = [
  "Corporate laptops",
  "Shared kiosks",
  "Frontline phones",
  "Executive devices",
  "Lab machines",
  "Meeting rooms",
] as const;

export const deviceCategories: ObjectTypeDefinition = {
  key: "deviceCategories",
  collectionPath: "deviceManagement/deviceCategories",
  entityODataType: "#microsoft.graph.deviceCategory",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  seed(context, count) {
    return Array.from({ length: count }, (_, index): SeedObject => {
      const name = CATEGORIES[index % CATEGORIES.length] as string;
      const displayName = index < CATEGORIES.length ? name : `${name} ${Math.floor(index / CATEGORIES.length) + 1}`;
      const entity: SeedEntity<DeviceCategory> = {
        id: context.guid("deviceCategories", displayName),
        displayName,
        description: context.random.chance(0.5) ? `${displayName} of ${context.tenantName}` : null,
        roleScopeTagIds: context.roleScopeTagIds(),
      };
      return { "@odata.type": "#microsoft.graph.deviceCategory", ...entity };
    });
  },
};
