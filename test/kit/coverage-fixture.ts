// Helpers for the coverage tests of newly supported types: empty simulator tenants as restore
// targets, and a reference-by-name comparison that proves a cross-tenant restore pointed every
// reference at the right object of the target tenant. (The OpenIntuneBaseline sample is read
// through baseline-fixture.ts.)

import {
  type ContractKey,
  type GraphClient,
  type GraphObject,
  allContracts,
  contentHash,
  createHttpGraphClient,
  normalizePayload,
  remapReferences,
  writtenStateOf,
} from "@atlas/graph-client";
import { type Actor, SYSTEM_ACTOR, startBackup, upsertEnvironment } from "@atlas/core";
import type { Db } from "@atlas/db";
import { buildTenantSeed, builtInRoleDefinitions, type TenantSeed } from "@atlas/graph-sim";
import type { RestoreStack } from "./restore-stack.ts";
import { TEST_SECRET_BOX } from "./seed.ts";
import { waitForCompletion } from "./sync-fixture.ts";

/** The types added with app protection and Windows update coverage (issue 11, items 1 and 3). */
export const APP_PROTECTION_AND_UPDATE_TYPES: ContractKey[] = [
  "iosManagedAppProtections",
  "androidManagedAppProtections",
  "windowsManagedAppProtections",
  "windowsFeatureUpdateProfiles",
  "windowsQualityUpdateProfiles",
  "windowsDriverUpdateProfiles",
];

/**
 * The types added with app configuration, macOS and custom compliance scripts, device categories,
 * terms and conditions and Intune roles (issue 11, items 2, 4 and 6).
 */
export const MORE_TYPES: ContractKey[] = [
  "mobileAppConfigurations",
  "targetedManagedAppConfigurations",
  "deviceShellScripts",
  "deviceCustomAttributeShellScripts",
  "deviceComplianceScripts",
  "deviceCategories",
  "termsAndConditions",
  "roleDefinitions",
];

/** Reusable settings (named by settings catalog policies) and Intune role assignments (issue 11, items 5 and 6). */
export const REUSABLE_SETTING_AND_ROLE_ASSIGNMENT_TYPES: ContractKey[] = ["reusablePolicySettings", "roleAssignments"];

/** Entra Conditional Access: named locations and policies (issue 11, item 8). */
export const CONDITIONAL_ACCESS_TYPES: ContractKey[] = ["namedLocations", "conditionalAccessPolicies"];

/** Apple automated device enrollment tokens with their profiles (issue 11, item 7; preview-only). */
export const APPLE_ENROLLMENT_TYPES: ContractKey[] = ["depOnboardingSettings"];

/** Mobile apps, metadata and assignments (issue 11, item 9). */
export const MOBILE_APP_TYPES: ContractKey[] = ["mobileApps"];

/** Every type added for broader coverage (issue 11): isolation and secret tests include them all. */
export const ADDED_COVERAGE_TYPES: ContractKey[] = [
  ...APP_PROTECTION_AND_UPDATE_TYPES,
  ...MORE_TYPES,
  ...REUSABLE_SETTING_AND_ROLE_ASSIGNMENT_TYPES,
  ...APPLE_ENROLLMENT_TYPES,
  ...CONDITIONAL_ACCESS_TYPES,
  ...MOBILE_APP_TYPES,
];

/**
 * An empty customer tenant: only what Microsoft puts in every tenant (the Default scope tag, the
 * built-in Intune roles) and the default directory groups; `builtIns` adds more of other types
 * (`{ mobileApps: 2 }`: the global managed apps).
 */
export function emptyTenant(name: string, index: number, builtIns: Record<string, number> = {}): TenantSeed {
  const hex = index.toString(16).padStart(2, "0");
  return buildTenantSeed({
    name,
    tenantId: `0e0e0e${hex}-0000-4000-8000-000000000001`,
    clientId: `0e0e0e${hex}-0000-4000-8000-000000000002`,
    clientSecret: `sim-secret-${name.toLowerCase()}-tenant`,
    counts: { roleScopeTags: 1, ...builtIns },
    extraObjects: () => ({ roleDefinitions: builtInRoleDefinitions() }),
  });
}

/** A backup of the environment through the real path (worker, simulator): its finished run and backup set. */
export function backupWithSet(stack: Pick<RestoreStack, "db" | "owner">, environmentId: string) {
  return backupRunAndSet(stack.db, stack.owner, environmentId);
}

/** The stack workspace's environment for a simulator tenant (an empty restore target), created on first use. */
export async function environmentForTenant(stack: Pick<RestoreStack, "db" | "workspaceId" | "sim">, tenant: TenantSeed): Promise<string> {
  const environment = await upsertEnvironment(stack.db, TEST_SECRET_BOX, SYSTEM_ACTOR, {
    workspaceId: stack.workspaceId,
    name: tenant.name,
    providerTenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    graphBaseUrl: stack.sim.url,
  });
  return environment.id;
}

export function clientFor(simUrl: string, tenant: Pick<TenantSeed, "tenantId" | "clientId" | "clientSecret">): GraphClient {
  return createHttpGraphClient({ ...tenant, authorityUrl: simUrl, graphUrl: simUrl });
}

type Names = Map<string, Map<string, string>>;

/** Names of everything a reference can point at in one tenant: groups and the foundations. */
export async function referenceNames(client: GraphClient): Promise<Names> {
  const names: Names = new Map([["groups", new Map((await client.listGroups()).map((group) => [group.id, group.displayName]))]]);
  for (const contract of allContracts.filter((candidate) => candidate.isFoundation)) {
    const objects = await client.listAll(contract.key);
    // Apps of different platforms share names: the name of an app says which kind it is.
    const nameOf = (object: GraphObject) =>
      contract.identityIncludesODataType ? `${String(object["@odata.type"])} ${String(object.displayName)}` : String(object.displayName);
    names.set(contract.key, new Map(objects.map((object) => [String(object.id), nameOf(object)])));
  }
  return names;
}

/**
 * The normalized document's hash with every reference replaced by the NAME of what it points at:
 * equal for source and target exactly when the restore recreated the configuration and remapped
 * each reference to the same-named object of the target (an unresolvable reference stays visible).
 */
export function hashByReferenceNames(typeKey: ContractKey, document: GraphObject, names: Names): string {
  const idMap = (kind: string, id: string) => `${kind}:${names.get(kind)?.get(id) ?? `unresolved ${id}`}`;
  const { document: named } = remapReferences(typeKey, document, { idMap });
  return contentHash(normalizePayload(typeKey, named));
}

/** The backup as a restore writes it on purpose: a Conditional Access policy in its written state (report-only unless switched on). */
export function asWritten(typeKey: ContractKey, document: GraphObject, switchedOn: boolean): GraphObject {
  const state = writtenStateOf(typeKey, document, switchedOn);
  return state === undefined ? document : { ...document, state };
}

/** What a capture reads for one object: raw with the assignments merged in, as a backup stores it. */
export async function captureDocumentOf(client: GraphClient, typeKey: ContractKey, id: string): Promise<GraphObject> {
  const captured = await client.captureObject(typeKey, id);
  return { ...captured.raw, assignments: captured.assignments };
}

/** Backs an environment up through the real path: the finished run and its backup set, whatever the outcome. */
export async function backupRunAndSet(db: Db, actor: Actor, environmentId: string) {
  const { run } = await startBackup(db, actor, { environmentId });
  const done = await waitForCompletion(db, run.id, 120_000);
  const backupSetId = (done.context as { backupSetId: string }).backupSetId;
  return { run: done, set: await db.backupSet.findUniqueOrThrow({ where: { id: backupSetId } }) };
}
