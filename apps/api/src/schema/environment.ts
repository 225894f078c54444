import { can } from "@atlas/core";
import { builder } from "../builder.ts";
import { registerNodeLoader } from "./node.ts";

export const ManagedEnvironment = builder.prismaNode("ManagedEnvironment", {
  id: { field: "id" },
  description: "One customer's Microsoft 365 tenant connected to a workspace. Credentials are never exposed.",
  fields: (t) => ({
    name: t.exposeString("name"),
    providerTenantId: t.exposeString("providerTenantId", { description: "The tenant's directory id." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    workspace: t.relation("workspace"),
  }),
});

registerNodeLoader("ManagedEnvironment", async (ids, actor, context) => {
  const rows = await context.db.managedEnvironment.findMany({ where: { id: { in: ids } } });
  return rows.filter((row) => can(actor, "workspace.read", { workspaceId: row.workspaceId, managedEnvironmentId: row.id }));
});
