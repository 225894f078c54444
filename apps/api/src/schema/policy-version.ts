import {
  NEWEST_CAPTURED,
  NotFoundError,
  keysetPageWhere,
  newestBackupItemOfVersion,
  orderByOf,
  policyHistory,
  policyVersionDiff,
  policyVersionsWhere,
} from "@atlas/core";
import type { SettingChange as SettingChangeShape } from "@atlas/core";
import type { InventoryItem, Prisma, PolicyVersion as PolicyVersionRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { rawIdOf } from "../ids.ts";
import { requestLoader } from "../request-loaders.ts";
import { registerScopedNodeLoader } from "./node.ts";

const NEWEST_FIRST = orderByOf<Prisma.PolicyVersionOrderByWithRelationInput>(NEWEST_CAPTURED);
const policyKey = (policy: Pick<InventoryItem, "managedEnvironmentId" | "objectType" | "providerId">) =>
  JSON.stringify([policy.managedEnvironmentId, policy.objectType, policy.providerId]);

/** The versions of each policy of an inventory page, newest first, in one query. */
function versionsOfPolicy(context: Context, policy: InventoryItem): Promise<PolicyVersionRow[]> {
  return requestLoader(context, "versionsOfPolicy", async (policies: readonly InventoryItem[]) => {
    const versions = await context.db.policyVersion.findMany({
      where: {
        workspaceId: { in: [...new Set(policies.map((item) => item.workspaceId))] },
        managedEnvironmentId: { in: [...new Set(policies.map((item) => item.managedEnvironmentId))] },
        objectType: { in: [...new Set(policies.map((item) => item.objectType))] },
        providerId: { in: [...new Set(policies.map((item) => item.providerId))] },
      },
      orderBy: NEWEST_FIRST,
    });
    // The query matches every combination of the page's values: keep each policy's own versions.
    const byPolicy = new Map<string, PolicyVersionRow[]>();
    for (const version of versions) {
      const key = policyKey(version);
      const ofPolicy = byPolicy.get(key);
      if (ofPolicy) ofPolicy.push(version);
      else byPolicy.set(key, [version]);
    }
    return policies.map((item) => byPolicy.get(policyKey(item)) ?? []);
  }).load(policy);
}

export const PolicyVersion = builder.prismaNode("PolicyVersion", {
  id: { field: "id" },
  description: "One immutable captured state of a policy. An unchanged policy reuses its version, so versions are changes.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    providerId: t.exposeString("providerId", { description: "The object's id at the provider." }),
    displayName: t.exposeString("displayName", { description: "The name when this version was captured." }),
    contentHash: t.exposeString("contentHash", { description: "SHA-256 of the normalized payload: equal hashes, equal content." }),
    capturedAt: t.expose("capturedAt", { type: "DateTime" }),
    payloadBytes: t.exposeInt("payloadBytes", { description: "Size of the raw payload as captured." }),
    normalizedPayload: t.string({
      description: "The noise-free payload (ids, timestamps, versions and @odata annotations stripped) as pretty JSON.",
      resolve: (version) => JSON.stringify(version.normalizedPayload, null, 2),
    }),
    environment: t.relation("environment"),
  }),
});

// Added separately: a field of the type's own definition cannot name the type (TypeScript inference).
builder.prismaObjectFields("PolicyVersion", (t) => ({
  history: t.field({
    type: [PolicyVersion],
    description: "Every version of the same policy (this one included), newest first.",
    resolve: (version, _args, context) => policyHistory(context.db, requireActor(context), version.id),
  }),
  newestBackupItem: t.prismaField({
    type: "BackupItem",
    nullable: true,
    description: "The item of the newest finished backup that holds exactly this version: the source to restore it from.",
    resolve: (_query, version, _args, context) => newestBackupItemOfVersion(context.db, requireActor(context), version.id),
  }),
}));

registerScopedNodeLoader("PolicyVersion", "inventory.read", (ids, context) =>
  context.db.policyVersion.findMany({ where: { id: { in: ids } } }),
);

export const SettingChangeKind = builder.enumType("SettingChangeKind", {
  values: {
    ADDED: { value: "added", description: "Only in the newer version (before is null)." },
    REMOVED: { value: "removed", description: "Only in the older version (after is null)." },
    CHANGED: { value: "changed", description: "In both, with different values." },
  } as const,
});

export const SettingChange = builder.objectRef<SettingChangeShape>("SettingChange").implement({
  description: "One changed setting between two versions, by path; values are JSON text.",
  fields: (t) => ({
    kind: t.field({ type: SettingChangeKind, resolve: (change) => change.kind }),
    path: t.exposeString("path", { description: "e.g. settings[device_vendor_msft_..._allowarchivescanning].value" }),
    // A side the setting is absent from is null; a setting whose value is JSON null is the text "null".
    before: t.string({
      nullable: true,
      description: "The older value as JSON text; null when the setting was added.",
      resolve: (change) => (change.kind === "added" ? null : JSON.stringify(change.before ?? null)),
    }),
    after: t.string({
      nullable: true,
      description: "The newer value as JSON text; null when the setting was removed.",
      resolve: (change) => (change.kind === "removed" ? null : JSON.stringify(change.after ?? null)),
    }),
  }),
});

interface DiffShape {
  from: PolicyVersionRow;
  to: PolicyVersionRow;
  changes: SettingChangeShape[];
}

const PolicyVersionDiff = builder.objectRef<DiffShape>("PolicyVersionDiff").implement({
  description: "The structural difference of two versions' normalized payloads, as changed settings.",
  fields: (t) => ({
    from: t.field({ type: PolicyVersion, resolve: (diff) => diff.from }),
    to: t.field({ type: PolicyVersion, resolve: (diff) => diff.to }),
    changes: t.field({ type: [SettingChange], resolve: (diff) => diff.changes }),
  }),
});

builder.queryField("policyVersionDiff", (t) =>
  t.field({
    type: PolicyVersionDiff,
    nullable: true,
    description: "What changed from one version to another; null when either does not exist or you may not see it.",
    args: { fromId: t.arg.id({ required: true }), toId: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const actor = requireActor(context);
      const fromId = rawIdOf(String(args.fromId), "PolicyVersion");
      const toId = rawIdOf(String(args.toId), "PolicyVersion");
      if (!fromId || !toId) return null;
      try {
        return await policyVersionDiff(context.db, actor, fromId, toId);
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  }),
);

builder.prismaObjectFields("InventoryItem", (t) => ({
  versions: t.field({
    type: [PolicyVersion],
    description: "The captured versions of this policy (backups and snapshots), newest first.",
    resolve: (policy, _args, context) => versionsOfPolicy(context, policy),
  }),
}));

const PolicyVersionFilter = builder.inputType("PolicyVersionFilter", {
  fields: (t) => ({
    types: t.stringList({ description: "Only versions of these object types." }),
    providerIds: t.stringList({ description: "Only versions of these objects (their ids at the provider)." }),
  }),
});

builder.prismaObjectFields("ManagedEnvironment", (t) => ({
  policyVersions: t.prismaConnection(
    {
      type: "PolicyVersion",
      // The cursor is the row's place in the list order (environment, captured_at, id), opaque to clients.
      cursor: "listOrder",
      description: "Every captured version of this environment's policies (backups and snapshots), newest first.",
      args: { filter: t.arg({ type: PolicyVersionFilter }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, environment, args, context) =>
        context.db.policyVersion.findMany({
          ...query,
          where: keysetPageWhere(
            policyVersionsWhere(requireActor(context), environment, args.filter ?? {}),
            cursor?.listOrder,
            query.take,
            NEWEST_CAPTURED,
            { managedEnvironmentId: environment.id },
          ),
          orderBy: NEWEST_FIRST,
        }),
      totalCount: (environment, args, context) =>
        context.db.policyVersion.count({ where: policyVersionsWhere(requireActor(context), environment, args.filter ?? {}) }),
    },
    { name: "PolicyVersionConnection" },
    { name: "PolicyVersionEdge" },
  ),
}));
