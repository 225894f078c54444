// Builds a TenantSeed from a short spec (ids, secret, object counts per type). Everything random is
// drawn from generators seeded with the tenant name (one per type), so the output is identical on
// every start.

import { deterministicGuid, seededRandom } from "./deterministic.ts";
import type { SeedContext } from "./object-types/definition.ts";
import { OBJECT_TYPES, requireObjectType } from "./object-types/registry.ts";
import type { AppRegistration, ObjectTypeKey, SeedGroup, SeedObject, SimObject, TenantSeed } from "./types.ts";

/** Well-known ids Graph uses for the virtual "all devices" / "all licensed users" targets. */
export const ALL_DEVICES_TARGET_ID = "adadadad-808e-44e2-905a-0b7873a8a531";
export const ALL_USERS_TARGET_ID = "acacacac-9df4-4c7d-9d50-4ef0226f57a9";

/** The directory groups of a tenant unless its spec names others. */
export const DEFAULT_GROUP_NAMES = [
  "All Windows Devices",
  "All iOS Devices",
  "All macOS Devices",
  "All Android Devices",
  "Pilot Users",
  "Executives",
  "Frontline Workers",
  "Kiosk Devices",
  "Finance Users",
  "IT Admins",
  "BYOD Users",
  "Autopilot Devices",
] as const;

const SEED_EPOCH_MS = Date.UTC(2023, 0, 2, 8, 0, 0);
const SEED_LATEST_MS = Date.UTC(2025, 5, 30, 18, 0, 0);
const DAY_MS = 86_400_000;

export interface TenantSpec {
  name: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  domain?: string;
  mspName?: string;
  additionalApps?: AppRegistration[];
  /** Objects per type key; missing keys get none. */
  counts: Partial<Record<ObjectTypeKey, number>>;
  /**
   * Entra group names (default DEFAULT_GROUP_NAMES). Ids are derived from tenant and name, so the
   * same name has a different id in every tenant: restore maps groups by name.
   */
  groupNames?: readonly string[];
  /** Hand-made objects appended after the generated ones of their type. */
  extraObjects?: (context: SeedContext) => Partial<Record<ObjectTypeKey, SeedObject[]>>;
}

export function buildTenantSeed(spec: TenantSpec): TenantSeed {
  for (const key of Object.keys(spec.counts)) requireObjectType(key);
  const guid = (...parts: string[]) => deterministicGuid(spec.name, ...parts);
  const groups: SeedGroup[] = (spec.groupNames ?? DEFAULT_GROUP_NAMES).map((displayName) => ({
    id: guid("group", displayName),
    displayName,
  }));
  const seeded: Record<ObjectTypeKey, SeedObject[]> = {};

  // One random stream per type: adding a type (or changing one type's count) leaves every other
  // type's seeded values exactly as they were, so fixtures and demo screens stay put.
  const contextFor = (stream: string): SeedContext => {
    const random = seededRandom(`graph-sim:${spec.name}:${stream}`);
    return {
      tenantName: spec.name,
      tenantId: spec.tenantId,
      random,
      guid,
      groups,
      seeded,
      timestamps() {
        const created = Math.min(SEED_EPOCH_MS + random.int(0, 600 * DAY_MS), SEED_LATEST_MS);
        const modified = Math.min(created + random.int(0, 180 * DAY_MS), SEED_LATEST_MS);
        return { createdDateTime: new Date(created).toISOString(), lastModifiedDateTime: new Date(modified).toISOString() };
      },
      roleScopeTagIds() {
        const custom = (seeded.roleScopeTags ?? []).map((tag) => tag.id).filter((id) => id !== "0");
        const roll = random.next();
        if (custom.length === 0 || roll < 0.75) return ["0"];
        return roll < 0.9 ? ["0", random.pick(custom)] : [random.pick(custom)];
      },
      assignmentsFor(objectId, extra = {}) {
        return buildAssignments(objectId, extra, { random, groups, filterIds: (seeded.assignmentFilters ?? []).map((f) => f.id) });
      },
    };
  };

  for (const type of OBJECT_TYPES) {
    seeded[type.key] = type.seed(contextFor(type.key), spec.counts[type.key] ?? 0);
  }
  const extras = spec.extraObjects?.(contextFor("extraObjects")) ?? {};
  for (const [key, objects] of Object.entries(extras)) {
    requireObjectType(key);
    seeded[key] = [...(seeded[key] ?? []), ...(objects ?? [])];
  }

  return {
    name: spec.name,
    tenantId: spec.tenantId,
    clientId: spec.clientId,
    clientSecret: spec.clientSecret,
    ...(spec.domain ? { domain: spec.domain } : {}),
    ...(spec.mspName ? { mspName: spec.mspName } : {}),
    ...(spec.additionalApps ? { additionalApps: spec.additionalApps } : {}),
    groups,
    objects: seeded,
  };
}

interface AssignmentSources {
  random: ReturnType<typeof seededRandom>;
  groups: readonly SeedGroup[];
  filterIds: readonly string[];
}

/** 0-3 assignments, each target used once, the way admins typically assign policies. */
function buildAssignments(objectId: string, extra: Record<string, unknown>, sources: AssignmentSources): SimObject[] {
  const { random, groups, filterIds } = sources;
  const count = random.pick([0, 1, 1, 2, 2, 3]);
  const usedTargets = new Set<string>();
  const assignments: SimObject[] = [];
  for (let attempt = 0; assignments.length < count && attempt < 10; attempt++) {
    const roll = random.next();
    const kind = roll < 0.6 ? "group" : roll < 0.75 ? "exclusion" : roll < 0.9 ? "allDevices" : "allUsers";
    const group = random.pick(groups);
    const targetId = kind === "allDevices" ? ALL_DEVICES_TARGET_ID : kind === "allUsers" ? ALL_USERS_TARGET_ID : group.id;
    if (usedTargets.has(targetId)) continue;
    usedTargets.add(targetId);
    const filterId = kind !== "exclusion" && filterIds.length > 0 && random.chance(0.3) ? random.pick(filterIds) : null;
    const filter = {
      deviceAndAppManagementAssignmentFilterId: filterId,
      deviceAndAppManagementAssignmentFilterType: filterId ? random.pick(["include", "exclude"]) : "none",
    };
    const target =
      kind === "group"
        ? { "@odata.type": "#microsoft.graph.groupAssignmentTarget", ...filter, groupId: group.id }
        : kind === "exclusion"
          ? { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", ...filter, groupId: group.id }
          : kind === "allDevices"
            ? { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", ...filter }
            : { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget", ...filter };
    assignments.push({ id: `${objectId}_${targetId}`, source: "direct", sourceId: objectId, ...extra, target });
  }
  return assignments;
}
