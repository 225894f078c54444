import { storedReconciliation } from "@atlas/core";
import { type ContractKey, type GraphObject, builtInReasonOf, contractFor } from "@atlas/graph-client";
import { demoTenant } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import {
  MORE_TYPES,
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

// App configuration policies (managed devices and managed apps), macOS shell and custom attribute
// scripts, custom compliance scripts, device categories, terms and conditions and Intune roles
// through the real path: worker, PostgreSQL, simulator over HTTP. Fabrikam backs up complete
// (script content, configured apps and assignments included); restored into an empty tenant every
// restorable object comes back with its references (groups, filters, scope tags, the compliance
// policies' scripts) pointing at the same-named objects there; built-in roles are left alone with
// their reason. (Managed-device app configurations come back with their apps: coverage-mobile-apps.test.ts.)

const fabrikam = demoTenant("Fabrikam");
const restoreTarget = emptyTenant("EmptyMore", 4);
const stack = useRestoreStack({ extraTenants: [restoreTarget] });

// Managed-device app configurations are restored with the apps they configure: coverage-mobile-apps.test.ts.
const RESTORABLE_MORE = MORE_TYPES.filter((type) => contractFor(type).restoreSupport === "full" && type !== "mobileAppConfigurations");
const SCRIPT_PROPERTY: Partial<Record<ContractKey, string>> = {
  deviceShellScripts: "scriptContent",
  deviceCustomAttributeShellScripts: "scriptContent",
  deviceComplianceScripts: "detectionScriptContent",
};

const backup = (environmentId: string) => backupWithSet(stack, environmentId);

let fabrikamBackup: ReturnType<typeof backup> | undefined;
/** One complete Fabrikam backup serves the tests that read it (taken on first use). */
const completeFabrikamBackup = () => {
  fabrikamBackup ??= backup(stack.environments.Fabrikam!);
  return fabrikamBackup;
};

describe("app configuration policies, macOS scripts and custom compliance scripts", { timeout: 300_000 }, () => {
  it("Fabrikam backs up SUCCEEDED and RECONCILED, every new type complete (content, apps and assignments included)", async () => {
    const { run, set } = await completeFabrikamBackup();
    expect(run.outcome).toBe("succeeded");
    expect(storedReconciliation(run.context)?.latest.decision).toBe("reconciled");
    expect(set.hasGaps).toBe(false);
    const expected = stack.sim.objectCountsByType(fabrikam.tenantId);
    for (const type of MORE_TYPES) {
      const items = await stack.db.backupItem.findMany({
        where: { backupSetId: set.id, objectType: type },
        include: { policyVersion: true },
      });
      expect(items.length, type).toBe(expected[type]);
      expect(items.length, type).toBeGreaterThan(0);
      expect(items.every((item) => item.isFoundation === contractFor(type).isFoundation)).toBe(true);
      for (const item of items) {
        const seeded = fabrikam.objects[type]!.find((object) => object.id === item.providerId)!;
        const raw = item.policyVersion.rawPayload as GraphObject & { apps?: unknown[]; assignments?: unknown[] };
        if (contractFor(type).hasAssignments) expect(raw.assignments, item.displayName).toHaveLength(seeded.assignments?.length ?? 0);
        if (type === "targetedManagedAppConfigurations") expect(raw.apps, item.displayName).toHaveLength((seeded.apps as unknown[]).length);
        // Script content only comes with GET by id: the list's null never reaches the backup.
        const property = SCRIPT_PROPERTY[type];
        if (property) expect(raw[property], item.displayName).toBe(seeded[property]);
      }
    }
    const assigned = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, objectType: { in: MORE_TYPES } },
      include: { policyVersion: true },
    });
    const typesWithAssignments = new Set(
      assigned
        .filter((item) => ((item.policyVersion.rawPayload as { assignments?: unknown[] }).assignments ?? []).length > 0)
        .map((item) => item.objectType),
    );
    expect([...typesWithAssignments].sort()).toEqual(MORE_TYPES.filter((type) => contractFor(type).hasAssignments).sort());
    // The compliance policies that check a custom script reference it by id: the backup keeps the reference.
    const checking = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, objectType: "deviceCompliancePolicies", displayName: { contains: "Custom compliance" } },
      include: { policyVersion: true },
    });
    const scriptIds = new Set(fabrikam.objects.deviceComplianceScripts!.map((script) => script.id));
    expect(checking).toHaveLength(scriptIds.size);
    for (const item of checking) {
      const reference = (item.policyVersion.rawPayload as { deviceCompliancePolicyScript?: { deviceComplianceScriptId?: string } })
        .deviceCompliancePolicyScript?.deviceComplianceScriptId;
      expect(scriptIds.has(reference ?? ""), item.displayName).toBe(true);
    }
  });

  it("a dropped page in a new type is a named gap: PROVIDER_COUNT_NOT_MET for the scripts, SUBRESOURCE_INCOMPLETE for the configured apps", async () => {
    await completeFabrikamBackup();
    stack.sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "deviceShellScripts", page: 1 });
    // Also empties app protection policies' apps: only the app configurations are asserted here.
    stack.sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "/apps", page: 1 });
    try {
      const { run, set } = await backup(stack.environments.Fabrikam!);
      expect(run.outcome).toBe("partially_succeeded");
      expect(gapCodesOf(run)).toEqual(expect.arrayContaining(["PROVIDER_COUNT_NOT_MET", "SUBRESOURCE_INCOMPLETE"]));
      const completeness = set.completeness as Record<string, { captured: number; providerTotal: number }>;
      expect(completeness.deviceShellScripts).toMatchObject({ providerTotal: fabrikam.objects.deviceShellScripts!.length });
      expect(completeness.deviceShellScripts!.captured).toBeLessThan(completeness.deviceShellScripts!.providerTotal);
      const configs = await stack.db.backupItem.findMany({
        where: { backupSetId: set.id, objectType: "targetedManagedAppConfigurations" },
      });
      expect(configs.length).toBeGreaterThan(0);
      for (const item of configs) {
        expect(item.gaps as unknown[], item.displayName).toContainEqual(
          expect.objectContaining({ code: "SUBRESOURCE_INCOMPLETE", subResource: "apps" }),
        );
      }
    } finally {
      stack.sim.clearFaults();
    }
  });

  it("restores the Fabrikam backup into an empty tenant: every restorable object recreated, references remapped, read-back equal by reference names", async () => {
    const { set } = await completeFabrikamBackup();
    const environmentId = await environmentForTenant(stack, restoreTarget);
    const objectTypes = [
      "roleScopeTags",
      "assignmentFilters",
      "notificationMessageTemplates",
      "deviceCompliancePolicies",
      ...RESTORABLE_MORE,
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
    // Built-in roles are Microsoft's (the same in every tenant, read-only): not applicable, with the reason.
    const builtIn = items.filter((item) =>
      builtInReasonOf(item.objectType as ContractKey, item.backupItem.policyVersion.rawPayload as GraphObject),
    );
    const builtInSeeds = fabrikam.objects.roleDefinitions!.filter((role) => role.isBuiltIn === true);
    expect(builtIn.map((item) => item.backupItem.providerId).sort()).toEqual(builtInSeeds.map((role) => role.id).sort());
    expect(builtInSeeds.length).toBeGreaterThan(0);
    for (const item of builtIn) {
      expect(item).toMatchObject({
        outcome: "skipped",
        errorCode: "NOT_APPLICABLE",
        errorMessage: contractFor("roleDefinitions").builtIn!.reason,
      });
    }
    const written = items.filter((item) => !builtIn.includes(item));
    expect(
      written.filter((item) => item.outcome !== "applied").map((item) => `${item.objectType} '${item.displayName}': ${item.outcome}`),
    ).toEqual([]);
    const counts = stack.sim.objectCountsByType(restoreTarget.tenantId);
    for (const type of RESTORABLE_MORE) {
      const restorable = fabrikam.objects[type]!.filter((object) => object.isBuiltIn !== true);
      // The target had Microsoft's built-in roles before.
      expect(counts[type], type).toBe(restorable.length + (restoreTarget.objects[type]?.length ?? 0));
    }

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
    // Remapped, not copied: the restored compliance policies check the target's own copies of the scripts.
    const targetScripts = new Set((await target.listAll("deviceComplianceScripts")).map((script) => String(script.id)));
    const sourceScripts = new Set(fabrikam.objects.deviceComplianceScripts!.map((script) => script.id));
    const checking = items.filter((item) => item.displayName.includes("Custom compliance"));
    expect(checking).toHaveLength(sourceScripts.size);
    for (const item of checking) {
      const readBack = await captureDocumentOf(target, "deviceCompliancePolicies", item.targetProviderId!);
      const scriptId = (readBack.deviceCompliancePolicyScript as { deviceComplianceScriptId: string }).deviceComplianceScriptId;
      expect(targetScripts.has(scriptId) && !sourceScripts.has(scriptId), item.displayName).toBe(true);
    }
  });

  it("previews built-in roles as built in (info, with the reason), never as a change", async () => {
    const { set } = await completeFabrikamBackup();
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["roleDefinitions"],
      confirm: false,
    });
    const builtInNames = fabrikam.objects.roleDefinitions!.filter((role) => role.isBuiltIn === true).map((role) => role.displayName);
    const checks = restoreRun.checks as { code: string; severity: string; params?: { name: string } }[];
    const builtIn = checks.filter((check) => check.code === "BUILT_IN_NOT_RESTORED");
    expect(builtIn.map((check) => check.params?.name).sort()).toEqual([...builtInNames].sort());
    expect(builtIn.every((check) => check.severity === "info")).toBe(true);
    const items = await stack.db.restoreItem.findMany({ where: { restoreRunId: restoreRun.id } });
    const actions = Object.fromEntries(items.map((item) => [item.displayName, item.previewAction]));
    for (const name of builtInNames) expect(actions[String(name)], String(name)).toBe("skip");
    // The custom roles are the tenant's own: same tenant, unchanged, so nothing to do.
    expect(items.filter((item) => !builtInNames.includes(item.displayName)).every((item) => item.previewAction === "no_change")).toBe(true);
  });
});
