import { storedReconciliation } from "@atlas/core";
import { type ContractKey, type GraphObject, builtInReasonOf, previewOnlyReasonOf } from "@atlas/graph-client";
import { demoTenant } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import {
  APP_PROTECTION_AND_UPDATE_TYPES,
  asWritten,
  backupWithSet,
  captureDocumentOf,
  clientFor,
  emptyTenant,
  environmentForTenant,
  hashByReferenceNames,
  referenceNames,
} from "../kit/coverage-fixture.ts";
import { fixtureJson, jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { restoreThroughWizard } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// App protection policies (iOS, Android, Windows) and Windows update profiles (feature, quality,
// driver) through the real path: worker, PostgreSQL, simulator over HTTP. Fabrikam backs up
// complete; restored into an empty tenant every object comes back with its references pointing at
// the same-named groups and scope tags there; the OpenIntuneBaseline driver update profiles and
// update rings survive write, backup and restore unchanged.

const fabrikam = demoTenant("Fabrikam");
const restoreTarget = emptyTenant("Empty", 1);
const baselineSource = emptyTenant("Baseline", 2);
const baselineTarget = emptyTenant("BaselineCopy", 3);
const stack = useRestoreStack({ extraTenants: [restoreTarget, baselineSource, baselineTarget] });

const environmentFor = (tenant: typeof restoreTarget) => environmentForTenant(stack, tenant);

const backup = (environmentId: string) => backupWithSet(stack, environmentId);

/** Every restored item's target read back, compared with its backup by reference names. */
async function restoredDiffer(restoreRunId: string, source: typeof fabrikam, target: typeof restoreTarget) {
  const sourceNames = await referenceNames(clientFor(stack.sim.url, source));
  const targetClient = clientFor(stack.sim.url, target);
  const targetNames = await referenceNames(targetClient);
  const items = await stack.db.restoreItem.findMany({
    where: { restoreRunId },
    include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
  });
  const differing: string[] = [];
  for (const item of items) {
    const type = item.objectType as ContractKey;
    // Built-in roles and apps are Microsoft's in every tenant, line-of-business apps preview-only: never written, nothing to compare.
    const document = item.backupItem.policyVersion.rawPayload as GraphObject;
    if (item.errorCode === "NOT_APPLICABLE" && (builtInReasonOf(type, document) || previewOnlyReasonOf(type, document))) continue;
    if (!item.targetProviderId) {
      differing.push(`${type} '${item.displayName}': not written (${item.outcome})`);
      continue;
    }
    const backedUp = asWritten(type, item.backupItem.policyVersion.rawPayload as GraphObject, item.switchedOn);
    const readBack = await captureDocumentOf(targetClient, type, item.targetProviderId);
    if (hashByReferenceNames(type, readBack, targetNames) !== hashByReferenceNames(type, backedUp, sourceNames)) {
      differing.push(`${type} '${item.displayName}'`);
    }
  }
  return { items, differing };
}

describe("app protection policies and Windows update profiles", { timeout: 300_000 }, () => {
  it("Fabrikam backs up SUCCEEDED and RECONCILED, every new type complete (apps and assignments included)", async () => {
    const { run, set } = await backup(stack.environments.Fabrikam!);
    expect(run.outcome).toBe("succeeded");
    expect(storedReconciliation(run.context)?.latest.decision).toBe("reconciled");
    expect(set.hasGaps).toBe(false);
    const expected = stack.sim.objectCountsByType(fabrikam.tenantId);
    for (const type of APP_PROTECTION_AND_UPDATE_TYPES) {
      const items = await stack.db.backupItem.findMany({
        where: { backupSetId: set.id, objectType: type },
        include: { policyVersion: true },
      });
      expect(items.length, type).toBe(expected[type]);
      expect(items.length, type).toBeGreaterThan(0);
      for (const item of items) {
        const seeded = fabrikam.objects[type]!.find((object) => object.id === item.providerId)!;
        const raw = item.policyVersion.rawPayload as { apps?: unknown[]; assignments: unknown[] };
        expect(raw.assignments, `${type} ${item.displayName}`).toHaveLength(seeded.assignments?.length ?? 0);
        if (type.endsWith("ManagedAppProtections")) expect(raw.apps, item.displayName).toHaveLength((seeded.apps as unknown[]).length);
      }
    }
    // Demo data holds assigned objects of every new type, so the remapping below is exercised.
    const assigned = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, objectType: { in: APP_PROTECTION_AND_UPDATE_TYPES } },
      include: { policyVersion: true },
    });
    const typesWithAssignments = new Set(
      assigned
        .filter((item) => (item.policyVersion.rawPayload as { assignments: unknown[] }).assignments.length > 0)
        .map((item) => item.objectType),
    );
    expect([...typesWithAssignments].sort()).toEqual([...APP_PROTECTION_AND_UPDATE_TYPES].sort());
  });

  it("restores a Fabrikam backup into an empty tenant: every object recreated, references remapped, read-back equals the source", async () => {
    const { set } = await backup(stack.environments.Fabrikam!);
    const environmentId = await environmentFor(restoreTarget);
    const { execution, restoreRun } = await restoreThroughWizard(stack.db, stack.owner, { backupSetId: set.id, environmentId });
    expect(execution?.outcome).toBe("succeeded");
    const { items, differing } = await restoredDiffer(restoreRun.id, fabrikam, restoreTarget);
    expect(differing).toEqual([]);
    const counts = stack.sim.objectCountsByType(restoreTarget.tenantId);
    const notSucceeded = items.filter((item) => item.outcome !== "applied" && item.errorCode !== "NOT_APPLICABLE");
    expect(
      notSucceeded.map((item) => `${item.objectType} '${item.displayName}': ${item.outcome} ${item.errorCode} ${item.errorMessage}`),
    ).toEqual([]);
    for (const type of APP_PROTECTION_AND_UPDATE_TYPES) expect(counts[type], type).toBe(fabrikam.objects[type]!.length);
    // Remapped, not copied: no Fabrikam group id reached the target tenant's assignments.
    const fabrikamGroupIds = new Set(fabrikam.groups!.map((group) => group.id));
    const target = clientFor(stack.sim.url, restoreTarget);
    for (const item of items.filter((candidate) => APP_PROTECTION_AND_UPDATE_TYPES.includes(candidate.objectType as ContractKey))) {
      const captured = await target.captureObject(item.objectType as ContractKey, item.targetProviderId!);
      const groupIds = captured.assignments.map((assignment) => (assignment.target as { groupId?: string }).groupId).filter(Boolean);
      expect(
        groupIds.filter((id) => fabrikamGroupIds.has(id!)),
        item.displayName,
      ).toEqual([]);
    }
  });

  // Extends the baseline import tests (baselines-import.test.ts) from "recognized" to "restored as it was".
  it("OpenIntuneBaseline driver update profiles and update rings: written as Graph takes them, identical through backup and restore", async () => {
    const typeOfFolder = { DriverUpdateProfiles: "windowsDriverUpdateProfiles", UpdatePolicies: "deviceConfigurations" } as const;
    const fixtures = jsonFilesBelow(openIntuneBaselineDir())
      .filter((file): file is typeof file & { folder: keyof typeof typeOfFolder } => file.folder in typeOfFolder)
      .map((file) => ({ file: file.path, type: typeOfFolder[file.folder], document: fixtureJson(file) as GraphObject }));
    expect(fixtures.map((fixture) => fixture.file)).toHaveLength(6);
    // Written the way a restore writes: the export's ids, timestamps, metadata and read-only counters left out.
    const source = clientFor(stack.sim.url, baselineSource);
    const idMap = (kind: string, id: string) => (kind === "roleScopeTags" && id === "0" ? "0" : undefined);
    for (const { type, document } of fixtures) {
      const payload = source.restorePayload(type, document, { idMap });
      const created = await source.createObject(type, payload.body);
      await source.writeSubResources(type, created.id, payload.subResourceWrites);
      if (payload.assignments.length > 0) await source.assign(type, created.id, payload.assignments);
    }
    const sourceNames = await referenceNames(source);
    const fixtureHashes = new Map(
      fixtures.map((fixture) => [String(fixture.document.displayName), hashByReferenceNames(fixture.type, fixture.document, sourceNames)]),
    );

    const { run, set } = await backup(await environmentFor(baselineSource));
    expect(run.outcome).toBe("succeeded");
    const items = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, displayName: { in: [...fixtureHashes.keys()] } },
      include: { policyVersion: true },
    });
    expect(items).toHaveLength(fixtures.length);
    for (const item of items) {
      const raw = item.policyVersion.rawPayload as GraphObject;
      expect(hashByReferenceNames(item.objectType as ContractKey, raw, sourceNames), item.displayName).toBe(
        fixtureHashes.get(item.displayName),
      );
    }
    // Every setting of an update ring came back, not only the ones the simulator seeds.
    const ring = items.find((item) => item.displayName.startsWith("Win - OIB - WUfB - Ring 1"))!.policyVersion.rawPayload as GraphObject;
    expect(ring).toMatchObject({ allowWindows11Upgrade: false, deadlineGracePeriodInDays: 1, userWindowsUpdateScanAccess: "enabled" });

    const { execution, restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId: await environmentFor(baselineTarget),
      objectTypes: ["roleScopeTags", "deviceConfigurations", "windowsDriverUpdateProfiles"],
    });
    expect(execution?.outcome).toBe("succeeded");
    const { differing } = await restoredDiffer(restoreRun.id, baselineSource as typeof fabrikam, baselineTarget);
    expect(differing).toEqual([]);
  });
});
