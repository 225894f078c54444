import { ROLE_CAPABILITIES, canSeeEnvironment, grantFor, inventoryCounts, inventoryWhere } from "@atlas/core";
import type { Actor } from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { SummaryCount, summaryCountsOf } from "./common.ts";
import { registerNodeLoader } from "./node.ts";

export const Policy = builder.prismaNode("InventoryItem", {
  name: "Policy",
  id: { field: "id" },
  description: "An Intune object as last observed in the tenant (inventory is last observed, never truth).",
  fields: (t) => ({
    objectType: t.exposeString("objectType", { description: "The supported object type, e.g. deviceConfigurations." }),
    providerId: t.exposeString("providerId", { description: "The object's id at the provider." }),
    displayName: t.exposeString("displayName"),
    odataType: t.exposeString("odataType", { nullable: true }),
    settingsCount: t.exposeInt("settingsCount", { nullable: true, description: "Settings of a settings catalog policy." }),
    lastObservedAt: t.expose("lastObservedAt", { type: "DateTime" }),
    disappearedAt: t.expose("disappearedAt", { type: "DateTime", nullable: true, description: "When a sync no longer found it." }),
    environment: t.relation("environment"),
  }),
});

const PolicyFilter = builder.inputType("PolicyFilter", {
  fields: (t) => ({
    types: t.stringList({ description: "Only these object types." }),
    search: t.string({ description: "Case-insensitive part of the display name." }),
    includeDisappeared: t.boolean({ description: "Also objects a sync no longer found (default false)." }),
  }),
});

export function canReadInventory(actor: Actor, workspaceId: string, environmentId: string): boolean {
  const grant = grantFor(actor, workspaceId);
  return Boolean(grant && canSeeEnvironment(actor, workspaceId, environmentId) && ROLE_CAPABILITIES[grant.role].has("inventory.read"));
}

builder.prismaObjectFields("ManagedEnvironment", (t) => ({
  policies: t.prismaConnection(
    {
      type: "InventoryItem",
      cursor: "id",
      description: "The inventory of this environment (last observed), by type and name.",
      args: { filter: t.arg({ type: PolicyFilter }) },
      resolve: async (query, environment, args, context) => {
        const where = await inventoryWhere(context.db, requireActor(context), environment.id, args.filter ?? {});
        if (!where) return [];
        return context.db.inventoryItem.findMany({
          ...query,
          where,
          orderBy: [{ objectType: "asc" }, { displayName: "asc" }, { id: "asc" }],
        });
      },
      totalCount: async (environment, args, context) => {
        const where = await inventoryWhere(context.db, requireActor(context), environment.id, args.filter ?? {});
        return where ? context.db.inventoryItem.count({ where }) : 0;
      },
    },
    { name: "PolicyConnection" },
    { name: "PolicyEdge" },
  ),
  inventoryCounts: t.field({
    type: [SummaryCount],
    description: "Objects currently present, per object type.",
    resolve: async (environment, _args, context) => {
      if (!canReadInventory(requireActor(context), environment.workspaceId, environment.id)) return [];
      return summaryCountsOf(await inventoryCounts(context.db, environment.workspaceId, environment.id));
    },
  }),
}));

registerNodeLoader("Policy", async (ids, actor, context) => {
  const rows = await context.db.inventoryItem.findMany({ where: { id: { in: ids } } });
  return rows.filter((row) => canReadInventory(actor, row.workspaceId, row.managedEnvironmentId));
});
