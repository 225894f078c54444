import { type Actor, type Role, capabilitiesOf } from "@atlas/core";
import type { Workspace as WorkspaceRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { toGlobalId } from "../ids.ts";
import { requireActor } from "../access.ts";
import { Workspace } from "./workspace.ts";

type ViewerActor = Exclude<Actor, { kind: "system" }>;

interface MembershipShape {
  workspace: WorkspaceRow;
  role: Role;
  environmentIds: string[];
}

const Membership = builder.objectRef<MembershipShape>("Membership").implement({
  description: "The viewer's role in one workspace.",
  fields: (t) => ({
    workspace: t.field({ type: Workspace, resolve: (membership) => membership.workspace }),
    role: t.exposeString("role", { description: "owner, manager, operator or readonly." }),
    capabilities: t.stringList({
      description: "What the role allows, e.g. inventory.sync (derived from the role).",
      resolve: (membership) => capabilitiesOf(membership.role),
    }),
    environmentIds: t.idList({
      nullable: true,
      description: "The environments this membership is limited to; null when it covers all of them.",
      resolve: (membership) =>
        membership.environmentIds.length === 0 ? null : membership.environmentIds.map((id) => toGlobalId("ManagedEnvironment", id)),
    }),
  }),
});

const Viewer = builder.objectRef<ViewerActor>("Viewer").implement({
  description: "Who is asking: a signed-in user or an API token.",
  fields: (t) => ({
    id: t.id({ resolve: (actor) => (actor.kind === "user" ? toGlobalId("User", actor.userId) : toGlobalId("ApiToken", actor.tokenId)) }),
    kind: t.string({ description: "user or token.", resolve: (actor) => actor.kind }),
    displayName: t.exposeString("displayName"),
    isSupport: t.boolean({
      description: "Platform support may see raw diagnostics (OperationRun.rawContext).",
      resolve: (actor) => actor.kind === "user" && actor.isSupport,
    }),
    memberships: t.field({
      type: [Membership],
      resolve: async (actor, _args, context) => {
        const workspaces = await context.db.workspace.findMany({
          where: { id: { in: actor.grants.map((grant) => grant.workspaceId) } },
          orderBy: { name: "asc" },
        });
        return workspaces.flatMap((workspace) => {
          const grant = actor.grants.find((candidate) => candidate.workspaceId === workspace.id);
          return grant ? [{ workspace, role: grant.role, environmentIds: grant.environmentIds }] : [];
        });
      },
    }),
  }),
});

builder.queryField("viewer", (t) =>
  t.field({
    type: Viewer,
    description: "The signed-in user or API token, with its memberships.",
    resolve: (_root, _args, context) => requireActor(context) as ViewerActor,
  }),
);
