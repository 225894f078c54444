import { ValidationError, confirmRestoreRun, storedReconciliation } from "@atlas/core";
import type { GraphObject } from "@atlas/graph-client";
import { type TenantSeed, demoTenant } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import {
  CONDITIONAL_ACCESS_TYPES,
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

// Entra Conditional Access (named locations and policies) through the real path: worker,
// PostgreSQL, simulator over HTTP. Fabrikam backs up complete; restored into an empty tenant the
// named locations come first and the policies point at them and at the target's groups, arriving
// report-only; a policy switched on in the preview arrives enabled; one switched on while it
// excludes no administrators blocks the restore before anything is written.

const fabrikam = demoTenant("Fabrikam");
const reportOnlyTarget = emptyTenant("EmptyCa", 5);
const switchedOnTarget = emptyTenant("EmptyCaOn", 6);
const lockoutTarget = emptyTenant("EmptyCaLockout", 7);
const stack = useRestoreStack({ extraTenants: [reportOnlyTarget, switchedOnTarget, lockoutTarget] });

const REPORT_ONLY = "enabledForReportingButNotEnforced";
const policyNamed = (topic: string) => `Fabrikam - ${topic}`;
/** Enforced, and excludes the IT Admins group (emergency access). */
const BLOCK_COUNTRIES = policyNamed("CA002 - Block sign-ins from blocked countries");
/** Enforced, and excludes nobody. */
const ADMIN_MFA = policyNamed("CA001 - Require MFA for administrators");

const backup = (environmentId: string) => backupWithSet(stack, environmentId);

let fabrikamBackup: ReturnType<typeof backup> | undefined;
const completeFabrikamBackup = () => {
  fabrikamBackup ??= backup(stack.environments.Fabrikam!);
  return fabrikamBackup;
};

const environmentFor = (tenant: TenantSeed) => environmentForTenant(stack, tenant);

async function policyItem(backupSetId: string, displayName: string) {
  return stack.db.backupItem.findFirstOrThrow({ where: { backupSetId, objectType: "conditionalAccessPolicies", displayName } });
}

/** Writes to a tenant's Conditional Access since an index of its history (token requests and $batch reads are not writes). */
const writesTo = (tenant: TenantSeed, since: number) =>
  stack.sim
    .history({ tenantId: tenant.tenantId })
    .slice(since)
    .filter((entry) => entry.method !== "GET" && entry.path.includes("/identity/") && !entry.path.includes("$batch"));

describe("Conditional Access policies and named locations", { timeout: 300_000 }, () => {
  it("Fabrikam backs up SUCCEEDED and RECONCILED with both types complete and their references kept", async () => {
    const { run, set } = await completeFabrikamBackup();
    expect(run.outcome).toBe("succeeded");
    expect(storedReconciliation(run.context)?.latest.decision).toBe("reconciled");
    expect(set.hasGaps).toBe(false);
    const expected = stack.sim.objectCountsByType(fabrikam.tenantId);
    const completeness = set.completeness as Record<string, { captured: number; providerTotal: number }>;
    for (const type of CONDITIONAL_ACCESS_TYPES) {
      expect(expected[type], type).toBeGreaterThan(0);
      expect(completeness[type], type).toEqual(expect.objectContaining({ captured: expected[type], providerTotal: expected[type] }));
    }
    const locations = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, objectType: "namedLocations" },
      include: { policyVersion: true },
    });
    expect(locations.every((item) => item.isFoundation)).toBe(true);
    const odataTypes = new Set(locations.map((item) => (item.policyVersion.rawPayload as GraphObject)["@odata.type"]));
    expect([...odataTypes].sort()).toEqual(["#microsoft.graph.countryNamedLocation", "#microsoft.graph.ipNamedLocation"]);
    const policy = await stack.db.backupItem.findFirstOrThrow({
      where: { backupSetId: set.id, displayName: BLOCK_COUNTRIES },
      include: { policyVersion: true },
    });
    const raw = policy.policyVersion.rawPayload as { state: string; conditions: { locations: { includeLocations: string[] } } };
    expect(raw.state).toBe("enabled");
    const locationIds = new Set(locations.map((item) => item.providerId));
    expect(raw.conditions.locations.includeLocations.every((id) => locationIds.has(id))).toBe(true);
    // Noise stays out of the comparable form: the service's dates and ids.
    const normalized = policy.policyVersion.normalizedPayload as Record<string, unknown>;
    expect(normalized).not.toHaveProperty("modifiedDateTime");
    expect(normalized).not.toHaveProperty("createdDateTime");
    expect(normalized).not.toHaveProperty("id");
  });

  it("a dropped page of policies is a named gap: PROVIDER_COUNT_NOT_MET", async () => {
    await completeFabrikamBackup();
    stack.sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "conditionalAccess/policies", page: 1 });
    try {
      const { run, set } = await backup(stack.environments.Fabrikam!);
      expect(run.outcome).toBe("partially_succeeded");
      expect(gapCodesOf(run)).toContain("PROVIDER_COUNT_NOT_MET");
      const completeness = set.completeness as Record<string, { captured: number; providerTotal: number }>;
      expect(completeness.conditionalAccessPolicies).toEqual(
        expect.objectContaining({ captured: 0, providerTotal: fabrikam.objects.conditionalAccessPolicies!.length }),
      );
    } finally {
      stack.sim.clearFaults();
    }
  });

  it("restores into an empty tenant: named locations first, references remapped, every policy report-only (the preview says so)", async () => {
    const { set } = await completeFabrikamBackup();
    const { execution, restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId: await environmentFor(reportOnlyTarget),
      objectTypes: CONDITIONAL_ACCESS_TYPES,
    });
    expect(execution?.outcome).toBe("succeeded");
    const items = await stack.db.restoreItem.findMany({
      where: { restoreRunId: restoreRun.id },
      include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
      orderBy: { ordinal: "asc" },
    });
    expect(items.filter((item) => item.outcome !== "applied").map((item) => `${item.displayName}: ${item.outcome}`)).toEqual([]);
    // Foundations first: every named location is ordered before every policy.
    const lastLocation = Math.max(...items.filter((item) => item.objectType === "namedLocations").map((item) => item.ordinal));
    const firstPolicy = Math.min(...items.filter((item) => item.objectType === "conditionalAccessPolicies").map((item) => item.ordinal));
    expect(lastLocation).toBeLessThan(firstPolicy);
    const counts = stack.sim.objectCountsByType(reportOnlyTarget.tenantId);
    for (const type of CONDITIONAL_ACCESS_TYPES) expect(counts[type], type).toBe(fabrikam.objects[type]!.length);

    const sourcePolicies = fabrikam.objects.conditionalAccessPolicies!;
    const reportOnlyChecks = (restoreRun.checks as { code: string; severity: string; params?: { name: string } }[]).filter(
      (check) => check.code === "CONDITIONAL_ACCESS_REPORT_ONLY",
    );
    const notDisabled = sourcePolicies.filter((policy) => policy.state !== "disabled").map((policy) => policy.displayName);
    expect(reportOnlyChecks.map((check) => check.params?.name).sort()).toEqual([...notDisabled].sort());
    expect(reportOnlyChecks.every((check) => check.severity === "info")).toBe(true);

    const sourceNames = await referenceNames(clientFor(stack.sim.url, fabrikam));
    const target = clientFor(stack.sim.url, reportOnlyTarget);
    const targetNames = await referenceNames(target);
    const targetLocationIds = new Set(targetNames.get("namedLocations")!.keys());
    const differing: string[] = [];
    for (const item of items) {
      const type = item.objectType as "namedLocations" | "conditionalAccessPolicies";
      const readBack = await captureDocumentOf(target, type, item.targetProviderId!);
      const backedUp = { ...(item.backupItem.policyVersion.rawPayload as GraphObject) };
      if (type === "conditionalAccessPolicies") {
        expect(readBack.state, item.displayName).toBe(backedUp.state === "disabled" ? "disabled" : REPORT_ONLY);
        backedUp.state = readBack.state;
        const locations = (readBack.conditions as { locations?: { includeLocations?: string[]; excludeLocations?: string[] } | null })
          .locations;
        const ids = [...(locations?.includeLocations ?? []), ...(locations?.excludeLocations ?? [])].filter((id) => !id.startsWith("All"));
        expect(
          ids.every((id) => targetLocationIds.has(id)),
          item.displayName,
        ).toBe(true);
      }
      if (hashByReferenceNames(type, readBack, targetNames) !== hashByReferenceNames(type, backedUp, sourceNames)) {
        differing.push(`${type} '${item.displayName}'`);
      }
    }
    expect(differing).toEqual([]);
    // The IT Admins exclusion now names the target's own group.
    const blockCountries = items.find((item) => item.displayName === BLOCK_COUNTRIES)!;
    const restored = await captureDocumentOf(target, "conditionalAccessPolicies", blockCountries.targetProviderId!);
    const excluded = (restored.conditions as { users: { excludeGroups: string[] } }).users.excludeGroups;
    expect(excluded.map((id) => targetNames.get("groups")!.get(id))).toEqual(["IT Admins"]);
  });

  it("a policy switched on in the preview arrives enabled, the others report-only", async () => {
    const { set } = await completeFabrikamBackup();
    const switched = await policyItem(set.id, BLOCK_COUNTRIES);
    const { execution, restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId: await environmentFor(switchedOnTarget),
      objectTypes: CONDITIONAL_ACCESS_TYPES,
      switchedOnItemIds: [switched.id],
    });
    expect(execution?.outcome).toBe("succeeded");
    const checks = restoreRun.checks as { code: string; severity: string; params?: { name: string } }[];
    expect(
      checks.filter((check) => check.code === "CONDITIONAL_ACCESS_ENFORCED").map((check) => [check.params?.name, check.severity]),
    ).toEqual([[BLOCK_COUNTRIES, "warning"]]);
    const target = clientFor(stack.sim.url, switchedOnTarget);
    const states = Object.fromEntries(
      (await target.listAll("conditionalAccessPolicies")).map((policy) => [String(policy.displayName), policy.state]),
    );
    expect(states[BLOCK_COUNTRIES]).toBe("enabled");
    expect(states[ADMIN_MFA]).toBe(REPORT_ONLY);
    expect(Object.values(states).filter((state) => state === "enabled")).toHaveLength(1);
    // The audit of the confirmation names the policies written enforced.
    const confirmed = await stack.db.auditEvent.findFirstOrThrow({ where: { action: "restore_run.confirmed", targetId: restoreRun.id } });
    expect((confirmed.metadata as { switchedOn?: string[] }).switchedOn).toEqual([BLOCK_COUNTRIES]);
  });

  it("an enabled policy that excludes no administrators blocks the restore with what to do, and nothing is written", async () => {
    const { set } = await completeFabrikamBackup();
    const environmentId = await environmentFor(lockoutTarget);
    const adminMfa = await policyItem(set.id, ADMIN_MFA);
    const location = await stack.db.backupItem.findFirstOrThrow({ where: { backupSetId: set.id, objectType: "namedLocations" } });
    await expect(
      restoreThroughWizard(stack.db, stack.owner, {
        backupSetId: set.id,
        environmentId,
        objectTypes: CONDITIONAL_ACCESS_TYPES,
        switchedOnItemIds: [location.id],
        confirm: false,
      }),
    ).rejects.toBeInstanceOf(ValidationError);

    const since = stack.sim.history({ tenantId: lockoutTarget.tenantId }).length;
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId,
      objectTypes: CONDITIONAL_ACCESS_TYPES,
      switchedOnItemIds: [adminMfa.id],
      confirm: false,
    });
    const checks = restoreRun.checks as { code: string; severity: string; message: string; restoreItemId?: string }[];
    const lockout = checks.filter((check) => check.code === "CONDITIONAL_ACCESS_LOCKOUT");
    expect(lockout).toHaveLength(1);
    expect(lockout[0]).toMatchObject({ severity: "blocker" });
    expect(lockout[0]!.message).toContain(ADMIN_MFA);
    expect(lockout[0]!.message).toMatch(/exclude no directory role, user or group/);
    expect(lockout[0]!.message).toMatch(/Switch it off to restore it report-only, or exclude your emergency access accounts/);
    const item = await stack.db.restoreItem.findUniqueOrThrow({ where: { id: lockout[0]!.restoreItemId! } });
    expect(item.backupItemId).toBe(adminMfa.id);
    await expect(
      confirmRestoreRun(stack.db, stack.owner, {
        restoreRunId: restoreRun.id,
        acknowledgeImpact: true,
        typedTargetName: restoreRun.targetLabel,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(writesTo(lockoutTarget, since)).toEqual([]);
    expect(stack.sim.objectCountsByType(lockoutTarget.tenantId).conditionalAccessPolicies).toBe(0);
  });
});
