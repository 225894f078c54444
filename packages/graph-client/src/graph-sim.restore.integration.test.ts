// Restore round trips against the Graph simulator, per restorable type: what a restore writes
// reads back to the same normalized content hash as the backup (after id remapping), which is what
// restore verification relies on. Cross-tenant (Contoso -> Northwind, with groups Northwind lacks)
// and in place after drift (Contoso), plus the verification mismatch a concurrent change causes.

import type { GraphSim } from "@atlas/graph-sim";
import { demoTenant, GROUPS_MISSING_IN_NORTHWIND, startGraphSim } from "@atlas/graph-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allContracts, type ContractKey } from "./contracts.ts";
import type { GraphClient } from "./graph-client.ts";
import { createRequestBudget } from "./request-budget.ts";
import { clientForDemoTenant, SIM_WINDOW_MS, TIME_SCALE } from "./test-support/graph-sim-harness.ts";
import {
  captureAll,
  captureDocument,
  FOUNDATION_ORDER,
  RemapTable,
  RESTORABLE_POLICIES,
  readBackHash,
  type RestoredItem,
  restoreAll,
  restoreItem,
  type SourceItem,
} from "./test-support/restore-harness.ts";

const contoso = demoTenant("Contoso");
const northwind = demoTenant("Northwind");
const RESTORABLE = [...FOUNDATION_ORDER, ...RESTORABLE_POLICIES];
let sim: GraphSim;
let source: GraphClient;
let target: GraphClient;

/** Paced exactly like the simulator's per-app limits (20 s x timeScale windows). */
const matchingBudget = () => createRequestBudget({ requestsPerWindow: 1000, writesPerWindow: 100, windowMs: SIM_WINDOW_MS });

beforeAll(async () => {
  sim = await startGraphSim({ port: 0, timeScale: TIME_SCALE });
  source = clientForDemoTenant(sim, "Contoso", { budget: matchingBudget() }).client;
  target = clientForDemoTenant(sim, "Northwind", { budget: matchingBudget() }).client;
});
afterAll(async () => {
  await sim.close();
});

const createsOf = (tenantId: string) => sim.history({ tenantId }).filter((e) => e.createdDisplayName !== undefined);

describe("cross-tenant restore Contoso -> Northwind", () => {
  let items: SourceItem[];
  let restored: RestoredItem[];
  const missingGroupIds = GROUPS_MISSING_IN_NORTHWIND.map((name) => contoso.groups?.find((g) => g.displayName === name)?.id);

  beforeAll(async () => {
    items = await captureAll(source, RESTORABLE);
    const table = new RemapTable();
    await table.mapGroupsByName(source, target);
    await table.mapBuiltInsByName(source, target);
    restored = await restoreAll(target, items, table);
  }, 60_000);

  it("restores every restorable type, and each read-back hashes like the remapped backup", async () => {
    expect(new Set(restored.map((r) => r.item.typeKey))).toEqual(new Set(RESTORABLE));
    expect(restored).toHaveLength(items.length);
    for (const result of restored) {
      expect(await readBackHash(target, result), `${result.item.typeKey} '${result.item.name}'`).toBe(result.expectedHash);
    }
    // Only references that differ per tenant change the hash: without any, expected = backup.
    const plain = restored.filter((r) => r.item.typeKey === "deviceManagementScripts" && r.unmapped.length === 0);
    expect(plain.length).toBeGreaterThan(0);
  }, 60_000);

  it("creates each missing object exactly once and matches existing ones by name", () => {
    const creates = createsOf(northwind.tenantId);
    const created = restored.filter((r) => r.mode === "create");
    expect(creates.map((e) => e.createdDisplayName).sort()).toEqual(created.map((r) => r.item.name).sort());
    expect(new Set(creates.map((e) => e.createdDisplayName)).size).toBe(creates.length);
    // Northwind's own Default scope tag and default enrollment limit exist by name: updated in place.
    const updated = restored.filter((r) => r.mode === "update").map((r) => `${r.item.typeKey}:${r.item.name}`);
    expect(updated).toEqual(
      expect.arrayContaining(["roleScopeTags:Default", "deviceEnrollmentConfigurations:All users and all devices (Device limit)"]),
    );
    expect(sim.history({ tenantId: northwind.tenantId }).filter((e) => e.status === 429)).toEqual([]);
  });

  it("reports the groups Northwind lacks as unmapped, leaves those assignments out, maps the rest", async () => {
    const unmapped = restored.flatMap((r) => r.unmapped);
    expect(new Set(unmapped.map((u) => u.kind))).toEqual(new Set(["groups"]));
    expect(new Set(unmapped.map((u) => u.sourceId))).toEqual(new Set(missingGroupIds));
    const partial = restored.find((r) => r.unmapped.length > 0 && r.item.typeKey === "deviceConfigurations") as RestoredItem;
    const sourceTargets = (partial.item.document.assignments as Array<{ target: { groupId?: string } }>).map((a) => a.target.groupId);
    const written = await target.listAssignments<{ target: { groupId?: string } }>("deviceConfigurations", partial.targetId);
    expect(written.length).toBe(sourceTargets.filter((id) => !missingGroupIds.includes(id)).length);
    const northwindGroupIds = new Set((northwind.groups ?? []).map((g) => g.id));
    for (const assignment of written) if (assignment.target.groupId) expect(northwindGroupIds.has(assignment.target.groupId)).toBe(true);
  });

  it("a second run creates no duplicates: everything is an update, hashes still match", async () => {
    const before = createsOf(northwind.tenantId).length;
    const table = new RemapTable();
    await table.mapGroupsByName(source, target);
    await table.mapBuiltInsByName(source, target);
    const again = await restoreAll(target, items, table);
    expect(again.every((r) => r.mode === "update")).toBe(true);
    expect(createsOf(northwind.tenantId)).toHaveLength(before);
    for (const result of again) {
      expect(await readBackHash(target, result), result.item.name).toBe(result.expectedHash);
    }
  }, 60_000);
});

/** A change per type that a restore has to undo, sub-resources included. */
const DRIFT: Record<string, Record<string, unknown>> = {
  roleScopeTags: { description: "drifted" },
  assignmentFilters: { rule: '(device.model -eq "drifted")' },
  notificationMessageTemplates: { localizedNotificationMessages: [] },
  deviceConfigurations: { description: "drifted", assignments: [] },
  deviceCompliancePolicies: {
    scheduledActionsForRule: [
      { ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block", gracePeriodHours: 99 }] },
    ],
  },
  configurationPolicies: { settings: [], description: "drifted" },
  groupPolicyConfigurations: { definitionValues: [] },
  deviceEnrollmentConfigurations: { description: "drifted" },
  windowsAutopilotDeploymentProfiles: { language: "fr-FR" },
  deviceManagementScripts: { scriptContent: Buffer.from("drifted").toString("base64") },
  deviceHealthScripts: { runAs32Bit: true, assignments: [] },
  iosManagedAppProtections: { apps: [], minimumPinLength: 8 },
  androidManagedAppProtections: { screenCaptureBlocked: false, assignments: [] },
  windowsManagedAppProtections: { printBlocked: true, apps: [] },
  windowsFeatureUpdateProfiles: { featureUpdateVersion: "Windows 10, version 22H2", assignments: [] },
  windowsQualityUpdateProfiles: { expeditedUpdateSettings: { qualityUpdateRelease: "2025-04-08T00:00:00Z", daysUntilForcedReboot: 5 } },
  windowsDriverUpdateProfiles: { approvalType: "manual", deploymentDeferralInDays: null },
  targetedManagedAppConfigurations: { customSettings: [{ name: "drifted", value: "1" }], apps: [] },
  deviceShellScripts: { scriptContent: Buffer.from("echo drifted").toString("base64"), retryCount: 9 },
  deviceCustomAttributeShellScripts: { customAttributeType: "dateTime", assignments: [] },
  deviceComplianceScripts: { detectionScriptContent: Buffer.from("drifted").toString("base64") },
  deviceCategories: { description: "drifted" },
  termsAndConditions: { bodyText: "drifted", assignments: [] },
  roleDefinitions: { rolePermissions: [{ resourceActions: [{ allowedResourceActions: ["drifted"], notAllowedResourceActions: [] }] }] },
  namedLocations: { isTrusted: false, ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "10.0.0.0/8" }] },
  conditionalAccessPolicies: { state: "disabled", grantControls: { operator: "OR", builtInControls: ["mfa"] } },
  mobileApps: { description: "drifted", isFeatured: true, assignments: [] },
  mobileAppConfigurations: { targetedMobileApps: [], assignments: [] },
  reusablePolicySettings: { description: "drifted", settingInstance: null },
  roleAssignments: { description: "drifted", scopeMembers: [], members: [] },
};

describe("same-tenant restore after drift (Contoso)", () => {
  it("covers every restorable type", () => {
    expect(Object.keys(DRIFT).sort()).toEqual([...RESTORABLE].sort());
    expect(allContracts.filter((c) => c.restoreSupport === "previewOnly").map((c) => c.key)).toEqual(["intents", "depOnboardingSettings"]);
  });

  it.each(RESTORABLE)("%s: an update in place puts it back", async (typeKey) => {
    const key = typeKey as ContractKey;
    const object =
      contoso.objects[key]?.find(
        (o) => o.id !== "0" && !String(o.id).includes("_Default") && o.isBuiltIn !== true && o.appAvailability !== "global",
      ) ?? contoso.objects[key]?.[0];
    const [item] = (await captureAll(source, [key])).filter((candidate) => candidate.sourceId === object?.id) as [SourceItem];
    sim.mutate(contoso.tenantId, key, item.sourceId, DRIFT[key] ?? {});
    expect((await captureDocument(source, key, item.sourceId)).hash).not.toBe(item.hash);
    const before = createsOf(contoso.tenantId).length;
    // Switched on: a Conditional Access policy is put back enforced, exactly as backed up.
    const result = await restoreItem(source, item, RemapTable.identity(), { switchedOn: true });
    expect(result).toMatchObject({ mode: "update", targetId: item.sourceId, unmapped: [] });
    expect(result.expectedHash).toBe(item.hash);
    expect(await readBackHash(source, result)).toBe(item.hash);
    expect(createsOf(contoso.tenantId)).toHaveLength(before);
  });

  it("verification mismatches when the object changes right after the write", async () => {
    const [item] = (await captureAll(source, ["deviceConfigurations"])) as [SourceItem];
    sim.mutate(contoso.tenantId, "deviceConfigurations", item.sourceId, { description: "drifted again" });
    sim.injectFault({ kind: "mutateAfterWrite", tenantId: contoso.tenantId, pathContains: item.sourceId, count: 1 });
    const result = await restoreItem(source, item, RemapTable.identity());
    expect(result.expectedHash).toBe(item.hash);
    expect(await readBackHash(source, result)).not.toBe(item.hash);
  });
});
