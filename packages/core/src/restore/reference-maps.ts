import type { Db, RestoreRun } from "@atlas/db";
import { type GraphClient, type IdMap, type ReferenceKind, allContracts, contractFor, identityKeyOf } from "@atlas/graph-client";

/** Builds a provider client for an environment; only the worker holds credentials, so it passes this in. */
export type ConnectEnvironment = (environmentId: string) => Promise<GraphClient>;

/** Every foundation type of the registry: what a cross-tenant restore maps by name. */
const FOUNDATION_KINDS = allContracts.filter((contract) => contract.isFoundation).map((contract) => contract.key);

/** The foundations a restore's scope holds, as `kind:sourceId`: they exist by the time their dependants are written. */
export function scopedFoundationIdsOf(
  items: { isFoundation: boolean; objectType: string; backupItem: { providerId: string } }[],
): Set<string> {
  return new Set(items.filter((item) => item.isFoundation).map((item) => `${item.objectType}:${item.backupItem.providerId}`));
}

export interface ReferenceMaps {
  sameTenant: boolean;
  idMap: IdMap;
  describe: (kind: ReferenceKind, sourceId: string) => string | undefined;
  /** Records a foundation this restore just created, so later items map to it at once. */
  remember(kind: string, sourceId: string, targetId: string): void;
}

type NameIndex = Map<string, Map<string, string>>;

const lower = (name: string) => name.trim().toLowerCase();

/**
 * How source references become target ids. Same tenant: identity. Across tenants: by name —
 * foundations through the backup set's own foundation items (source names) and the target's
 * current foundations, groups through both tenants' directories — plus the foundations this
 * restore created (restore_id_remaps). What cannot be mapped stays undefined: never guessed.
 */
export async function buildReferenceMaps(
  db: Db,
  connect: ConnectEnvironment,
  restore: RestoreRun,
  target: GraphClient,
  options: { scopedFoundationIds?: Set<string> } = {},
): Promise<ReferenceMaps> {
  const set = await db.backupSet.findUniqueOrThrow({ where: { id: restore.sourceBackupSetId ?? "" }, include: { environment: true } });
  const targetEnvironment = await db.managedEnvironment.findUniqueOrThrow({ where: { id: restore.managedEnvironmentId } });
  // A `baseline` set lies in the target environment, but its payloads were exported from some other
  // tenant (imported files): their ids are foreign. As "same tenant" they would pass through as if
  // they were the target's (and objects be looked up by those ids); as another tenant every
  // reference is mapped by name or reported unmapped, never guessed.
  const materializedBaseline = set.trigger === "baseline";
  const sameTenant =
    !materializedBaseline && set.environment.providerTenantId.toLowerCase() === targetEnvironment.providerTenantId.toLowerCase();
  const sourceNames = new Map<string, Map<string, string>>();
  const foundationItems = await db.backupItem.findMany({
    where: { backupSetId: set.id, isFoundation: true },
    select: { objectType: true, providerId: true, displayName: true },
  });
  for (const item of foundationItems) {
    if (!sourceNames.has(item.objectType)) sourceNames.set(item.objectType, new Map());
    sourceNames.get(item.objectType)?.set(item.providerId, item.displayName);
  }
  const remaps = await db.restoreIdRemap.findMany({ where: { restoreRunId: restore.id } });
  const created = new Map(remaps.map((remap) => [`${remap.kind}:${remap.sourceId}`, remap.targetId]));
  const describe = (kind: ReferenceKind, sourceId: string) => sourceNames.get(kind)?.get(sourceId);
  const remember = (kind: string, sourceId: string, targetId: string) => {
    created.set(`${kind}:${sourceId}`, targetId);
  };
  if (sameTenant) {
    return { sameTenant, describe, remember, idMap: (kind, sourceId) => created.get(`${kind}:${sourceId}`) ?? sourceId };
  }
  const sourceKinds = await sourceODataTypes(db, set.id);
  const targetNames: NameIndex = new Map();
  for (const kind of FOUNDATION_KINDS) {
    const field = contractFor(kind).displayNameField;
    const objects = await target.listAll(kind);
    targetNames.set(
      kind,
      new Map(objects.map((object) => [identityKeyOf(kind, String(object[field] ?? ""), object["@odata.type"]), String(object.id)])),
    );
  }
  const targetGroups = new Map((await target.listGroups()).map((group) => [lower(group.displayName), group.id]));
  // The directory the baseline's group ids came from is unknown: they map to nothing (reported).
  const sourceGroups = materializedBaseline
    ? new Map<string, string>()
    : new Map((await (await connect(set.managedEnvironmentId)).listGroups()).map((group) => [group.id, group.displayName]));
  sourceNames.set("groups", sourceGroups);
  const scoped = options.scopedFoundationIds ?? new Set<string>();
  const idMap: IdMap = (kind, sourceId) => {
    const restored = created.get(`${kind}:${sourceId}`);
    if (restored) return restored;
    const name = sourceNames.get(kind)?.get(sourceId);
    const mapped =
      name === undefined
        ? undefined
        : kind === "groups"
          ? targetGroups.get(lower(name))
          : // Users are no contract type: no names are listed for them, so none maps by name.
            kind === "users"
            ? undefined
            : targetNames.get(kind)?.get(identityKeyOf(kind, name, sourceKinds.get(`${kind}:${sourceId}`)));
    if (mapped) return mapped;
    // A foundation in scope will exist by the time its dependants are written.
    return scoped.has(`${kind}:${sourceId}`) ? `pending:${sourceId}` : undefined;
  };
  return { sameTenant, describe, remember, idMap };
}

/** `kind:sourceId` -> `@odata.type` of the backed-up foundations whose identity includes it (mobile apps). */
async function sourceODataTypes(db: Db, backupSetId: string): Promise<Map<string, unknown>> {
  const kinds = allContracts.filter((contract) => contract.isFoundation && contract.identityIncludesODataType).map((c) => c.key);
  if (kinds.length === 0) return new Map();
  const items = await db.backupItem.findMany({
    where: { backupSetId, isFoundation: true, objectType: { in: kinds } },
    select: { objectType: true, providerId: true, policyVersion: { select: { rawPayload: true } } },
  });
  return new Map(
    items.map((item) => [
      `${item.objectType}:${item.providerId}`,
      (item.policyVersion.rawPayload as Record<string, unknown>)["@odata.type"],
    ]),
  );
}
