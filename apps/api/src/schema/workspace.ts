import { can, visibleEnvironmentsWhere } from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { rawIdOf } from "../ids.ts";
import { registerNodeLoader } from "./node.ts";

export const Workspace = builder.prismaNode("Workspace", {
  id: { field: "id" },
  description: "One MSP's account: the isolation boundary for its staff.",
  fields: (t) => ({
    name: t.exposeString("name"),
    slug: t.exposeString("slug"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    environments: t.prismaConnection(
      {
        type: "ManagedEnvironment",
        cursor: "id",
        description: "The environments of this workspace you may see, by name.",
        resolve: (query, workspace, _args, context) =>
          context.db.managedEnvironment.findMany({
            ...query,
            where: visibleEnvironmentsWhere(requireActor(context), workspace.id),
            orderBy: [{ name: "asc" }, { id: "asc" }],
          }),
        totalCount: (workspace, _args, context) =>
          context.db.managedEnvironment.count({ where: visibleEnvironmentsWhere(requireActor(context), workspace.id) }),
      },
      { name: "ManagedEnvironmentConnection" },
      { name: "ManagedEnvironmentEdge" },
    ),
  }),
});

registerNodeLoader("Workspace", (ids, actor, context) =>
  context.db.workspace.findMany({ where: { id: { in: ids.filter((id) => can(actor, "workspace.read", { workspaceId: id })) } } }),
);

builder.queryField("workspace", (t) =>
  t.prismaField({
    type: "Workspace",
    nullable: true,
    description: "A workspace you are a member of; null when it does not exist or you are not a member.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => {
      const id = rawIdOf(String(args.id), "Workspace");
      if (!id || !can(requireActor(context), "workspace.read", { workspaceId: id })) return null;
      return context.db.workspace.findUnique({ ...query, where: { id } });
    },
  }),
);
