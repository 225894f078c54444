import { storedReconciliation } from "@atlas/core";
import { type ContractKey, type GraphObject, builtInReasonOf, contractFor } from "@atlas/graph-client";
import { demoTenant } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import {
  REUSABLE_SETTING_AND_ROLE_ASSIGNMENT_TYPES,
  backupWithSet,
  captureDocumentOf,
  clientFor,
  emptyTenant,
  environmentForTenant,
  hashByReferenceNames,
  referenceNames,
} from "../kit/coverage-fixture.ts";
import { gapCodesOf } from "../kit/fault-matrix.ts";
import { restoreThroughWizard } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// Reusable policy settings and the settings catalog policies that use them, Intune role assignments
// and the roles they grant, through the real path: worker, PostgreSQL, simulator over HTTP. Fabrikam
// backs up complete (each assignment with its role); a dropped page names the gap; restored into an
// empty tenant the reusable settings and custom roles come first, the firewall rules point at the
// target's copies of the address sets, and the role assignments grant the target's roles of the
// same name to the target's groups. Apple enrollment tokens back up with their enrollment profiles
// and are previewed only, with the reason.

const fabrikam = demoTenant("Fabrikam");
// Like every real tenant, the target has Microsoft's built-in roles: the assignments of Help Desk Operator map to its own.
const restoreTarget = emptyTenant("EmptyRoles", 8);
const stack = useRestoreStack({ extraTenants: [restoreTarget] });

const REFERENCE_VALUE = "#microsoft.graph.deviceManagementConfigurationReferenceSettingValue";
const FIREWALL_POLICY = "Fabrikam - Firewall rules - Management access";

/** The reusable setting ids a settings catalog document names (reference setting values at any depth). */
function referencedIds(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(referencedIds);
  if (typeof node !== "object" || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record["@odata.type"] === REFERENCE_VALUE ? [String(record.value)] : [];
  return [...own, ...Object.values(record).flatMap(referencedIds)];
}

const backup = (environmentId: string) => backupWithSet(stack, environmentId);

let fabrikamBackup: ReturnType<typeof backup> | undefined;
const completeFabrikamBackup = () => {
  fabrikamBackup ??= backup(stack.environments.Fabrikam!);
  return fabrikamBackup;
};

describe("reusable policy settings and Intune role assignments", { timeout: 300_000 }, () => {
  it("Fabrikam backs up SUCCEEDED and RECONCILED: reusable settings, role assignments with their role, firewall rules with their references", async () => {
    const { run, set } = await completeFabrikamBackup();
    expect(run.outcome).toBe("succeeded");
    expect(storedReconciliation(run.context)?.latest.decision).toBe("reconciled");
    expect(set.hasGaps).toBe(false);
    const expected = stack.sim.objectCountsByType(fabrikam.tenantId);
    for (const type of [...REUSABLE_SETTING_AND_ROLE_ASSIGNMENT_TYPES, "roleDefinitions" as ContractKey]) {
      const items = await stack.db.backupItem.findMany({ where: { backupSetId: set.id, objectType: type } });
      expect(items.length, type).toBe(expected[type]);
      expect(items.length, type).toBeGreaterThan(0);
    }
    const assignments = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, objectType: "roleAssignments" },
      include: { policyVersion: true },
    });
    const roleNames = new Map(fabrikam.objects.roleDefinitions!.map((role) => [role.id, role.displayName]));
    for (const item of assignments) {
      const seeded = fabrikam.objects.roleAssignments!.find((object) => object.id === item.providerId)!;
      const raw = item.policyVersion.rawPayload as GraphObject & { roleDefinition?: GraphObject };
      // The role only comes with $expand: the backup names it by id and name.
      expect(raw.roleDefinition?.id, item.displayName).toBe((seeded.roleDefinition as GraphObject).id);
      expect(raw.roleDefinition?.displayName).toBe(roleNames.get(String(raw.roleDefinition?.id)));
      expect(raw.members, item.displayName).toEqual(seeded.members);
      expect((item.policyVersion.normalizedPayload as { roleDefinition?: unknown }).roleDefinition).toEqual({
        id: raw.roleDefinition?.id,
        displayName: raw.roleDefinition?.displayName,
      });
    }
    // A built-in role and custom ones are granted.
    expect(
      new Set(
        assignments.map(
          (item) =>
            builtInReasonOf("roleDefinitions", (item.policyVersion.rawPayload as { roleDefinition: GraphObject }).roleDefinition) !==
            undefined,
        ),
      ),
    ).toEqual(new Set([true, false]));
    const reusable = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, objectType: "reusablePolicySettings" },
      include: { policyVersion: true },
    });
    expect(reusable.every((item) => item.isFoundation)).toBe(true);
    for (const item of reusable) {
      // Which policies use it is the service's count: served, but no configuration.
      expect(item.policyVersion.rawPayload).toHaveProperty("referencingConfigurationPolicyCount", 1);
      expect(item.policyVersion.normalizedPayload).not.toHaveProperty("referencingConfigurationPolicyCount");
    }
    const firewall = await stack.db.backupItem.findFirstOrThrow({
      where: { backupSetId: set.id, objectType: "configurationPolicies", displayName: FIREWALL_POLICY },
      include: { policyVersion: true },
    });
    expect(referencedIds(firewall.policyVersion.rawPayload).sort()).toEqual(reusable.map((item) => item.providerId).sort());
  });

  it("a dropped page of reusable settings or role assignments is a named gap: PROVIDER_COUNT_NOT_MET", async () => {
    await completeFabrikamBackup();
    stack.sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "reusablePolicySettings", page: 1 });
    stack.sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "roleAssignments", page: 1 });
    try {
      const { run, set } = await backup(stack.environments.Fabrikam!);
      expect(run.outcome).toBe("partially_succeeded");
      expect(gapCodesOf(run)).toContain("PROVIDER_COUNT_NOT_MET");
      const completeness = set.completeness as Record<string, { captured: number; providerTotal: number }>;
      for (const type of REUSABLE_SETTING_AND_ROLE_ASSIGNMENT_TYPES) {
        expect(completeness[type], type).toMatchObject({ providerTotal: fabrikam.objects[type]!.length });
        expect(completeness[type]!.captured, type).toBeLessThan(completeness[type]!.providerTotal);
      }
    } finally {
      stack.sim.clearFaults();
    }
  });

  it("restores the Fabrikam backup into an empty tenant: reusable settings and custom roles first, references remapped, read-back equal by reference names", async () => {
    const { set } = await completeFabrikamBackup();
    const environmentId = await environmentForTenant(stack, restoreTarget);
    const objectTypes = [
      "roleScopeTags",
      "assignmentFilters",
      "reusablePolicySettings",
      "roleDefinitions",
      "roleAssignments",
      "configurationPolicies",
    ];
    const { execution, restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId,
      objectTypes,
    });
    expect(execution?.outcome).toBe("succeeded");
    const items = await stack.db.restoreItem.findMany({
      where: { restoreRunId: restoreRun.id },
      include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
    });
    const builtIn = items.filter((item) =>
      builtInReasonOf(item.objectType as ContractKey, item.backupItem.policyVersion.rawPayload as GraphObject),
    );
    expect(builtIn.every((item) => item.outcome === "skipped" && item.errorCode === "NOT_APPLICABLE")).toBe(true);
    const written = items.filter((item) => !builtIn.includes(item));
    expect(
      written.filter((item) => item.outcome !== "applied").map((item) => `${item.objectType} '${item.displayName}': ${item.outcome}`),
    ).toEqual([]);
    // Foundations (reusable settings, custom roles) are written before the policies and assignments that name them.
    const order = (type: string) => Math.min(...written.filter((item) => item.objectType === type).map((item) => item.ordinal));
    const last = (type: string) => Math.max(...written.filter((item) => item.objectType === type).map((item) => item.ordinal));
    expect(last("reusablePolicySettings")).toBeLessThan(order("configurationPolicies"));
    expect(last("roleDefinitions")).toBeLessThan(order("roleAssignments"));

    const counts = stack.sim.objectCountsByType(restoreTarget.tenantId);
    expect(counts.reusablePolicySettings).toBe(fabrikam.objects.reusablePolicySettings!.length);
    expect(counts.roleAssignments).toBe(fabrikam.objects.roleAssignments!.length);

    const sourceNames = await referenceNames(clientFor(stack.sim.url, fabrikam));
    const target = clientFor(stack.sim.url, restoreTarget);
    const targetNames = await referenceNames(target);
    const differing: string[] = [];
    for (const item of written) {
      const type = item.objectType as ContractKey;
      const readBack = await captureDocumentOf(target, type, item.targetProviderId!);
      const backedUp = item.backupItem.policyVersion.rawPayload as GraphObject;
      if (hashByReferenceNames(type, readBack, targetNames) !== hashByReferenceNames(type, backedUp, sourceNames)) {
        differing.push(`${type} '${item.displayName}'`);
      }
    }
    expect(differing).toEqual([]);

    // Remapped, not copied: the firewall rules name the target's reusable settings, the assignments its roles and groups.
    const targetReusable = new Set((await target.listAll("reusablePolicySettings")).map((object) => String(object.id)));
    const firewall = written.find((item) => item.displayName === FIREWALL_POLICY)!;
    const firewallReadBack = await captureDocumentOf(target, "configurationPolicies", firewall.targetProviderId!);
    const named = referencedIds(firewallReadBack);
    expect(named).toHaveLength(fabrikam.objects.reusablePolicySettings!.length);
    expect(named.every((id) => targetReusable.has(id))).toBe(true);
    const targetRoles = new Map((await target.listAll("roleDefinitions")).map((role) => [String(role.id), String(role.displayName)]));
    const targetGroups = new Set((restoreTarget.groups ?? []).map((group) => group.id));
    for (const item of written.filter((candidate) => candidate.objectType === "roleAssignments")) {
      const readBack = await captureDocumentOf(target, "roleAssignments", item.targetProviderId!);
      const role = readBack.roleDefinition as GraphObject;
      const source = item.backupItem.policyVersion.rawPayload as { roleDefinition: GraphObject };
      expect(targetRoles.get(String(role.id)), item.displayName).toBe(source.roleDefinition.displayName);
      for (const group of [...(readBack.members as string[]), ...(readBack.scopeMembers as string[])])
        expect(targetGroups.has(group)).toBe(true);
    }
  });
});

describe("Apple automated device enrollment tokens and profiles", { timeout: 300_000 }, () => {
  const seededTokens = fabrikam.objects.depOnboardingSettings as unknown as (GraphObject & { enrollmentProfiles: GraphObject[] })[];

  it("Fabrikam backs up each token complete with its enrollment profiles (iOS and macOS), Apple's sync state left out of the comparison", async () => {
    const { set } = await completeFabrikamBackup();
    const items = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, objectType: "depOnboardingSettings" },
      include: { policyVersion: true },
    });
    expect(items).toHaveLength(seededTokens.length);
    for (const item of items) {
      const seeded = seededTokens.find((token) => token.id === item.providerId)!;
      expect(item.displayName).toBe(seeded.tokenName);
      expect(item.gaps).toEqual([]);
      const raw = item.policyVersion.rawPayload as { enrollmentProfiles: GraphObject[] };
      expect(raw.enrollmentProfiles.map((profile) => profile.displayName).sort()).toEqual(
        seeded.enrollmentProfiles.map((profile) => profile.displayName).sort(),
      );
      expect(new Set(raw.enrollmentProfiles.map((profile) => profile["@odata.type"]))).toEqual(
        new Set(["#microsoft.graph.depIOSEnrollmentProfile", "#microsoft.graph.depMacOSEnrollmentProfile"]),
      );
      for (const noise of ["syncedDeviceCount", "lastSuccessfulSyncDateTime", "tokenExpirationDateTime"]) {
        expect(item.policyVersion.normalizedPayload, noise).not.toHaveProperty(noise);
      }
    }
  });

  it("a dropped page of enrollment profiles is a named gap on the token: SUBRESOURCE_INCOMPLETE", async () => {
    await completeFabrikamBackup();
    stack.sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "enrollmentProfiles", page: 1 });
    try {
      const { run, set } = await backup(stack.environments.Fabrikam!);
      expect(run.outcome).toBe("partially_succeeded");
      expect(gapCodesOf(run)).toContain("SUBRESOURCE_INCOMPLETE");
      const tokens = await stack.db.backupItem.findMany({ where: { backupSetId: set.id, objectType: "depOnboardingSettings" } });
      expect(tokens).toHaveLength(seededTokens.length);
      for (const item of tokens) {
        expect(item.gaps as unknown[], item.displayName).toContainEqual(
          expect.objectContaining({ code: "SUBRESOURCE_INCOMPLETE", subResource: "enrollmentProfiles" }),
        );
      }
    } finally {
      stack.sim.clearFaults();
    }
  });

  it("a restore previews tokens only: a blocker with the reason, nothing written", async () => {
    const { set } = await completeFabrikamBackup();
    const environmentId = await environmentForTenant(stack, restoreTarget);
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId,
      objectTypes: ["depOnboardingSettings"],
      confirm: false,
    });
    const checks = restoreRun.checks as { code: string; severity: string; message: string }[];
    const previewOnly = checks.filter((check) => check.code === "PREVIEW_ONLY_TYPE");
    expect(previewOnly).toHaveLength(seededTokens.length);
    for (const check of previewOnly) {
      expect(check.severity).toBe("blocker");
      expect(check.message).toContain(contractFor("depOnboardingSettings").previewOnlyReason!);
    }
    expect(stack.sim.objectCountsByType(restoreTarget.tenantId).depOnboardingSettings).toBe(0);
  });
});
