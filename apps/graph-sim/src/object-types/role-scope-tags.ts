// Foundation: role scope tags. Graph gives them small integer ids as strings ("0" is the built-in
// Default tag), not GUIDs, so ids never match across tenants and restore must map them by name.

import type { SeedObject } from "../types.ts";
import type { ObjectTypeDefinition } from "./definition.ts";

const TAG_NAMES = [
  "Helpdesk Berlin",
  "Region EMEA",
  "Region APAC",
  "Frontline",
  "Executives",
  "Retail Stores",
  "Finance",
  "Lab",
  "Kiosk",
  "Contractors",
  "Region Americas",
  "Schools",
] as const;

export const roleScopeTags: ObjectTypeDefinition = {
  key: "roleScopeTags",
  collectionPath: "deviceManagement/roleScopeTags",
  entityODataType: "#microsoft.graph.roleScopeTag",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: true,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  // Graph has roleScopeTags/{id}/assignments (auto-assignment), but nothing here uses it yet.
  assignable: false,
  nameFilter: true,
  // Only Microsoft's Default tag is built in; every tag created through Graph is custom.
  serverManaged: { isBuiltIn: false },
  nextId: (existingIds) => String(Math.max(0, ...existingIds.map((id) => Number.parseInt(id, 10) || 0)) + 1),
  seed(context, count) {
    const tags: SeedObject[] = [];
    if (count <= 0) return tags;
    tags.push({
      "@odata.type": "#microsoft.graph.roleScopeTag",
      id: "0",
      displayName: "Default",
      description: "",
      isBuiltIn: true,
    });
    for (let index = 1; index < count; index++) {
      const name = TAG_NAMES[(index - 1) % TAG_NAMES.length] as string;
      const pass = Math.floor((index - 1) / TAG_NAMES.length);
      tags.push({
        "@odata.type": "#microsoft.graph.roleScopeTag",
        id: String(index),
        displayName: pass === 0 ? name : `${name} ${pass + 1}`,
        description: context.random.chance(0.6) ? `Scope for ${name.toLowerCase()} at ${context.tenantName}` : "",
        isBuiltIn: false,
      });
    }
    return tags;
  },
};
