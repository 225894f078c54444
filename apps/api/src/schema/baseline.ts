import {
  type BaselineItemSource as BaselineItemSourceShape,
  type BaselineObjectChange as ObjectChangeShape,
  baselineVersionDiff,
  keysetWhere,
  NotFoundError,
  visibleBaselinesWhere,
  visibleEnvironmentIds,
} from "@atlas/core";
import type { BaselineVersion as BaselineVersionRow, Prisma } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { rawIdOf, requireRawId, toGlobalId } from "../ids.ts";
import { registerScopedNodeLoader } from "./node.ts";
import { SettingChange, SettingChangeKind } from "./policy-version.ts";

const BaselineItemSource = builder.objectRef<BaselineItemSourceShape>("BaselineItemSource").implement({
  description: "Where an item came from: a backup item or an imported file.",
  fields: (t) => ({
    kind: t.string({ description: "backup or file.", resolve: (source) => source.kind }),
    fileName: t.string({ nullable: true, resolve: (source) => (source.kind === "file" ? source.fileName : null) }),
    format: t.string({
      nullable: true,
      description: "intuneManagement, graph or intunePortal, for files.",
      resolve: (source) => (source.kind === "file" ? source.format : null),
    }),
    backupItemId: t.id({
      nullable: true,
      resolve: (source) => (source.kind === "backup" ? toGlobalId("BackupItem", source.backupItemId) : null),
    }),
    policyVersionId: t.id({
      nullable: true,
      resolve: (source) => (source.kind === "backup" ? toGlobalId("PolicyVersion", source.policyVersionId) : null),
    }),
  }),
});

builder.prismaNode("BaselineItem", {
  id: { field: "id" },
  description: "One desired object of a baseline version (editBaseline's removeItemIds names these).",
  fields: (t) => ({
    objectType: t.exposeString("objectType", { description: "The contract registry's type key, e.g. configurationPolicies." }),
    displayName: t.exposeString("displayName"),
    contentHash: t.exposeString("contentHash", {
      description: "SHA-256 of the normalized payload, comparable with PolicyVersion.contentHash.",
    }),
    normalizedPayload: t.string({
      description: "The payload normalized exactly as policy versions are, as pretty JSON.",
      resolve: (item) => JSON.stringify(item.normalizedPayload, null, 2),
    }),
    source: t.field({ type: BaselineItemSource, resolve: (item) => item.source as unknown as BaselineItemSourceShape }),
  }),
});

interface NotRecognizedShape {
  fileName: string;
  reason: string;
  message: string;
}

const BaselineFileNotRecognized = builder.objectRef<NotRecognizedShape>("BaselineFileNotRecognized").implement({
  description: "An imported file that holds no object a baseline can contain, and why.",
  fields: (t) => ({
    fileName: t.exposeString("fileName"),
    reason: t.exposeString("reason", {
      description: "NOT_TEXT, NOT_JSON, NOT_AN_OBJECT, UNKNOWN_TYPE, UNSUPPORTED_TYPE, INCOMPLETE, NO_NAME, DUPLICATE or TOO_LARGE.",
    }),
    message: t.exposeString("message"),
  }),
});

const BaselineObjectChange = builder.objectRef<ObjectChangeShape>("BaselineObjectChange").implement({
  description: "One object that differs between two versions of a baseline, with its setting changes.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    displayName: t.exposeString("displayName"),
    kind: t.field({ type: SettingChangeKind, resolve: (change) => change.kind }),
    changes: t.field({ type: [SettingChange], resolve: (change) => change.changes }),
  }),
});

interface DiffShape {
  from: BaselineVersionRow;
  to: BaselineVersionRow;
  objects: ObjectChangeShape[];
}

export const BaselineVersion = builder.prismaNode("BaselineVersion", {
  id: { field: "id" },
  description: "One immutable, numbered state of a baseline.",
  fields: (t) => ({
    number: t.exposeInt("number"),
    // A code, not a GraphQL enum yet: every enum needs SPA labels (English and German) first.
    origin: t.exposeString("origin", {
      description: "backup (from a backup set's items), import (from files) or edit (from the previous version).",
    }),
    itemCount: t.exposeInt("itemCount"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    baseline: t.relation("baseline"),
    items: t.relation("items", { query: { orderBy: [{ objectType: "asc" }, { displayName: "asc" }] } }),
    notRecognizedFiles: t.field({
      type: [BaselineFileNotRecognized],
      description: "For imports: the files not recognized, with the reason (empty otherwise).",
      resolve: (version) => (version.originDetails as { notRecognized?: NotRecognizedShape[] }).notRecognized ?? [],
    }),
  }),
});

const BaselineVersionDiff = builder.objectRef<DiffShape>("BaselineVersionDiff").implement({
  description: "What changed from one version of a baseline to another, object by object.",
  fields: (t) => ({
    from: t.field({ type: BaselineVersion, resolve: (diff) => diff.from }),
    to: t.field({ type: BaselineVersion, resolve: (diff) => diff.to }),
    objects: t.field({ type: [BaselineObjectChange], resolve: (diff) => diff.objects }),
  }),
});

builder.prismaObjectFields("BaselineVersion", (t) => ({
  diff: t.field({
    type: BaselineVersionDiff,
    nullable: true,
    description:
      "The difference from another version of the same baseline (default: the previous one); null for the first version or an unknown id.",
    args: { fromVersionId: t.arg.id() },
    resolve: async (version, args, context) => {
      const actor = requireActor(context);
      const fromId = args.fromVersionId
        ? rawIdOf(String(args.fromVersionId), "BaselineVersion")
        : (
            await context.db.baselineVersion.findUnique({
              where: { baselineId_number: { baselineId: version.baselineId, number: version.number - 1 } },
            })
          )?.id;
      if (!fromId) return null;
      try {
        return await baselineVersionDiff(context.db, actor, fromId, version.id);
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  }),
}));

export const Baseline = builder.prismaNode("Baseline", {
  id: { field: "id" },
  description: "A named, versioned set of desired objects in a workspace.",
  fields: (t) => ({
    name: t.exposeString("name"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the latest version was written." }),
    workspace: t.relation("workspace"),
    versions: t.relation("versions", { description: "Every version, newest first.", query: { orderBy: { number: "desc" } } }),
    latestVersion: t.prismaField({
      type: "BaselineVersion",
      resolve: (query, baseline, _args, context) =>
        context.db.baselineVersion.findFirstOrThrow({ ...query, where: { baselineId: baseline.id }, orderBy: { number: "desc" } }),
    }),
    environments: t.prismaField({
      type: ["ManagedEnvironment"],
      description: "The environments the baseline is assigned to (those you may see), by name.",
      resolve: (query, baseline, _args, context) => {
        const visible = visibleEnvironmentIds(requireActor(context), baseline.workspaceId);
        return context.db.managedEnvironment.findMany({
          ...query,
          where: { baselineAssignments: { some: { baselineId: baseline.id } }, ...(visible ? { id: { in: visible } } : {}) },
          orderBy: { name: "asc" },
        });
      },
    }),
  }),
});

registerScopedNodeLoader("Baseline", "baseline.read", (ids, context) => context.db.baseline.findMany({ where: { id: { in: ids } } }));
registerScopedNodeLoader("BaselineItem", "baseline.read", (ids, context) =>
  context.db.baselineItem.findMany({ where: { id: { in: ids } } }),
);
registerScopedNodeLoader("BaselineVersion", "baseline.read", (ids, context) =>
  context.db.baselineVersion.findMany({ where: { id: { in: ids } } }),
);

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const satisfies Prisma.BaselineOrderByWithRelationInput[];

builder.queryField("baselines", (t) =>
  t.prismaConnection(
    {
      type: "Baseline",
      cursor: "listOrder",
      description: "The baselines of a workspace, newest first.",
      args: { workspaceId: t.arg.id({ required: true }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, _root, args, context) => {
        const where = visibleBaselinesWhere(requireActor(context), requireRawId(String(args.workspaceId), "Workspace", "Workspace"));
        const past = cursor ? keysetWhere(cursor.listOrder, query.take < 0 ? "newer" : "older") : undefined;
        return context.db.baseline.findMany({ ...query, where: past ? { AND: [where, past] } : where, orderBy: [...NEWEST_FIRST] });
      },
      totalCount: (_root, args, context) =>
        context.db.baseline.count({
          where: visibleBaselinesWhere(requireActor(context), requireRawId(String(args.workspaceId), "Workspace", "Workspace")),
        }),
    },
    { name: "BaselineConnection" },
    { name: "BaselineEdge" },
  ),
);
