import { BY_TYPE_AND_NAME, can, inventoryCounts, inventoryWhere, keysetPageWhere, orderByOf } from "@atlas/core";
import type { Prisma } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { SummaryCount, summaryCountsOf } from "./common.ts";
import { registerScopedNodeLoader } from "./node.ts";

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

builder.prismaObjectFields("ManagedEnvironment", (t) => ({
  policies: t.prismaConnection(
    {
      type: "InventoryItem",
      // The cursor is the row's place in the list order (environment, type, name, id), opaque to clients.
      cursor: "listOrder",
      description: "The inventory of this environment (last observed), by type and name.",
      args: { filter: t.arg({ type: PolicyFilter }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, environment, args, context) =>
        context.db.inventoryItem.findMany({
          ...query,
          where: keysetPageWhere(
            inventoryWhere(requireActor(context), environment, args.filter ?? {}),
            cursor?.listOrder,
            query.take,
            BY_TYPE_AND_NAME,
            { managedEnvironmentId: environment.id },
          ),
          orderBy: orderByOf<Prisma.InventoryItemOrderByWithRelationInput>(BY_TYPE_AND_NAME),
        }),
      totalCount: (environment, args, context) =>
        context.db.inventoryItem.count({ where: inventoryWhere(requireActor(context), environment, args.filter ?? {}) }),
    },
    { name: "PolicyConnection" },
    { name: "PolicyEdge" },
  ),
  inventoryCounts: t.field({
    type: [SummaryCount],
    description: "Objects currently present, per object type.",
    resolve: async (environment, _args, context) => {
      const scope = { workspaceId: environment.workspaceId, managedEnvironmentId: environment.id };
      if (!can(requireActor(context), "inventory.read", scope)) return [];
      return summaryCountsOf(await inventoryCounts(context.db, environment.workspaceId, environment.id));
    },
  }),
}));

registerScopedNodeLoader("Policy", "inventory.read", (ids, context) => context.db.inventoryItem.findMany({ where: { id: { in: ids } } }));
