import { SYSTEM_ACTOR, storedReconciliation, upsertEnvironment } from "@atlas/core";
import { type ContractKey, type GraphObject, builtInReasonOf, contractFor, previewOnlyReasonOf } from "@atlas/graph-client";
import { demoTenant } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import {
  backupRunAndSet,
  captureDocumentOf,
  clientFor,
  emptyTenant,
  hashByReferenceNames,
  referenceNames,
} from "../kit/coverage-fixture.ts";
import { gapCodesOf } from "../kit/fault-matrix.ts";
import { TEST_SECRET_BOX } from "../kit/index.ts";
import { createsByName, restoreThroughWizard } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// Mobile apps (metadata and assignments) and the managed-device app configurations that name them,
// through the real path: worker, PostgreSQL, simulator over HTTP. Fabrikam backs up complete (icons
// and assignments included); restored into an empty tenant, store apps and links come back with
// their assignments remapped, line-of-business apps are listed preview-only with their reason,
// Microsoft's global managed apps are matched (never created twice), and the app configurations
// point at the target's own copy of the app they configure.

const fabrikam = demoTenant("Fabrikam");
// Like every real tenant, the target already has Microsoft's global managed apps.
const restoreTarget = emptyTenant("EmptyApps", 5, { mobileApps: 2 });
const stack = useRestoreStack({ extraTenants: [restoreTarget] });

type Seeded = GraphObject & { assignments?: GraphObject[] };
const seededApps = fabrikam.objects.mobileApps as Seeded[];
const isBuiltIn = (app: GraphObject) => builtInReasonOf("mobileApps", app) !== undefined;
const isLineOfBusiness = (app: GraphObject) => previewOnlyReasonOf("mobileApps", app) !== undefined;
const storeApps = seededApps.filter((app) => !isBuiltIn(app) && !isLineOfBusiness(app));

const backup = (environmentId: string) => backupRunAndSet(stack.db, stack.owner, environmentId);

let fabrikamBackup: ReturnType<typeof backup> | undefined;
const completeFabrikamBackup = () => {
  fabrikamBackup ??= backup(stack.environments.Fabrikam!);
  return fabrikamBackup;
};

describe("mobile apps and the app configurations that name them", { timeout: 300_000 }, () => {
  it("the demo data holds every kind: global managed apps, store apps and links with assignments, line-of-business apps", () => {
    expect(seededApps.filter(isBuiltIn).length).toBeGreaterThan(0);
    expect(seededApps.filter(isLineOfBusiness).length).toBeGreaterThan(0);
    expect(storeApps.filter((app) => (app.assignments ?? []).length > 0).length).toBeGreaterThan(0);
  });

  it("Fabrikam backs up SUCCEEDED and RECONCILED with every app complete: icon, assignments, noise removed", async () => {
    const { run, set } = await completeFabrikamBackup();
    expect(run.outcome).toBe("succeeded");
    expect(storedReconciliation(run.context)?.latest.decision).toBe("reconciled");
    expect(set.hasGaps).toBe(false);
    const items = await stack.db.backupItem.findMany({
      where: { backupSetId: set.id, objectType: "mobileApps" },
      include: { policyVersion: true },
    });
    expect(items).toHaveLength(stack.sim.objectCountsByType(fabrikam.tenantId).mobileApps!);
    expect(items).toHaveLength(seededApps.length);
    for (const item of items) {
      const seeded = seededApps.find((app) => app.id === item.providerId)!;
      const raw = item.policyVersion.rawPayload as Seeded;
      expect(item.isFoundation).toBe(true);
      expect(raw["@odata.type"], item.displayName).toBe(seeded["@odata.type"]);
      expect(raw.assignments, item.displayName).toHaveLength(seeded.assignments?.length ?? 0);
      // The list answers null for the icon: only the read by id brings it into the backup.
      expect(raw.largeIcon, item.displayName).toEqual(seeded.largeIcon);
      const normalized = item.policyVersion.normalizedPayload as Record<string, unknown>;
      for (const noise of ["isAssigned", "uploadState", "publishingState", "lastModifiedDateTime"]) {
        expect(normalized, `${item.displayName}: ${noise}`).not.toHaveProperty(noise);
      }
    }
    const assigned = items.filter((item) => ((item.policyVersion.rawPayload as Seeded).assignments ?? []).length > 0);
    expect(assigned.length).toBeGreaterThan(0);
    const intents = assigned.flatMap((item) => ((item.policyVersion.rawPayload as Seeded).assignments ?? []).map((a) => a.intent));
    expect(intents.every((intent) => intent === "required" || intent === "available")).toBe(true);
  });

  it("a dropped page of the app catalog is a named gap: PROVIDER_COUNT_NOT_MET", async () => {
    await completeFabrikamBackup();
    stack.sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "deviceAppManagement/mobileApps", page: 1 });
    try {
      const { run, set } = await backup(stack.environments.Fabrikam!);
      expect(run.outcome).toBe("partially_succeeded");
      expect(gapCodesOf(run)).toContain("PROVIDER_COUNT_NOT_MET");
      const completeness = set.completeness as Record<string, { captured: number; providerTotal: number }>;
      expect(completeness.mobileApps).toMatchObject({ providerTotal: seededApps.length });
      expect(completeness.mobileApps!.captured).toBeLessThan(seededApps.length);
    } finally {
      stack.sim.clearFaults();
    }
  });

  it("restores into an empty tenant: store apps with remapped assignments, LOB apps preview-only, global apps matched, configurations on the target's apps", async () => {
    const { set } = await completeFabrikamBackup();
    const environment = await upsertEnvironment(stack.db, TEST_SECRET_BOX, SYSTEM_ACTOR, {
      workspaceId: stack.workspaceId,
      name: restoreTarget.name,
      providerTenantId: restoreTarget.tenantId,
      clientId: restoreTarget.clientId,
      clientSecret: restoreTarget.clientSecret,
      graphBaseUrl: stack.sim.url,
    });
    const { execution, restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId: environment.id,
      objectTypes: ["roleScopeTags", "assignmentFilters", "mobileApps", "mobileAppConfigurations"],
    });
    expect(execution?.outcome).toBe("succeeded");
    const items = await stack.db.restoreItem.findMany({
      where: { restoreRunId: restoreRun.id },
      include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
    });
    const documentOf = (item: (typeof items)[number]) => item.backupItem.policyVersion.rawPayload as GraphObject;
    const apps = items.filter((item) => item.objectType === "mobileApps");

    // Line-of-business apps: listed with the reason (an info check, not a blocker), never written.
    const lob = apps.filter((item) => isLineOfBusiness(documentOf(item)));
    expect(lob.map((item) => item.backupItem.providerId).sort()).toEqual(
      seededApps
        .filter(isLineOfBusiness)
        .map((app) => app.id)
        .sort(),
    );
    const reason = contractFor("mobileApps").previewOnlyObjects!.reason;
    for (const item of lob)
      expect(item).toMatchObject({ previewAction: "skip", outcome: "skipped", errorCode: "NOT_APPLICABLE", errorMessage: reason });
    const checks = restoreRun.checks as { code: string; severity: string; message: string; params?: { name?: string } }[];
    const lobChecks = checks.filter((check) => check.code === "PREVIEW_ONLY_OBJECT");
    expect(lobChecks.map((check) => check.params?.name).sort()).toEqual(lob.map((item) => item.displayName).sort());
    expect(lobChecks.every((check) => check.severity === "info" && check.message.includes(reason))).toBe(true);

    // Microsoft's global managed apps: the target has its own, matched and never created twice.
    const builtIn = apps.filter((item) => isBuiltIn(documentOf(item)));
    expect(builtIn.length).toBe(seededApps.filter(isBuiltIn).length);
    for (const item of builtIn) expect(item).toMatchObject({ outcome: "skipped", errorCode: "NOT_APPLICABLE" });
    const target = clientFor(stack.sim.url, restoreTarget);
    const targetApps = await target.listAll("mobileApps");
    const kindAndName = (app: GraphObject) => `${String(app["@odata.type"])} ${String(app.displayName)}`;
    for (const item of builtIn) {
      expect(
        targetApps.filter((app) => kindAndName(app) === kindAndName(documentOf(item))),
        item.displayName,
      ).toHaveLength(1);
    }
    const targetGlobalIds = new Set(restoreTarget.objects.mobileApps!.map((app) => app.id));
    expect(targetApps.filter((app) => targetGlobalIds.has(String(app.id)))).toHaveLength(targetGlobalIds.size);

    // Store apps and links: created (Outlook for iOS beside the global Outlook of the same name), all applied.
    const written = items.filter((item) => !lob.includes(item) && !builtIn.includes(item));
    expect(
      written.filter((item) => item.outcome !== "applied").map((item) => `${item.objectType} '${item.displayName}': ${item.outcome}`),
    ).toEqual([]);
    expect(targetApps).toHaveLength(targetGlobalIds.size + storeApps.length);
    const creates = createsByName(stack.sim, restoreTarget.tenantId);
    for (const app of [...seededApps.filter(isLineOfBusiness)])
      expect(creates.get(String(app.displayName)), String(app.displayName)).toBeUndefined();

    // Read-back equals the backup for every written object, each reference by the name (and kind) of what it points at.
    const sourceNames = await referenceNames(clientFor(stack.sim.url, fabrikam));
    const targetNames = await referenceNames(target);
    const differing: string[] = [];
    for (const item of written) {
      const type = item.objectType as ContractKey;
      const readBack = await captureDocumentOf(target, type, item.targetProviderId!);
      if (hashByReferenceNames(type, readBack, targetNames) !== hashByReferenceNames(type, documentOf(item), sourceNames)) {
        differing.push(`${type} '${item.displayName}'`);
      }
    }
    expect(differing).toEqual([]);
    // Assignments came along, their groups and filters remapped to the target's.
    const assignedApps = written.filter(
      (item) => item.objectType === "mobileApps" && ((documentOf(item).assignments as unknown[]) ?? []).length > 0,
    );
    expect(assignedApps.length).toBeGreaterThan(0);
    const targetGroups = new Set(restoreTarget.groups!.map((group) => group.id));
    for (const item of assignedApps) {
      const assignments = await target.listAssignments<{ target: { groupId?: string } }>("mobileApps", item.targetProviderId!);
      expect(assignments, item.displayName).toHaveLength((documentOf(item).assignments as unknown[]).length);
      for (const assignment of assignments) if (assignment.target.groupId) expect(targetGroups.has(assignment.target.groupId)).toBe(true);
    }

    // The app configurations configure the target's own copy of the same app (same kind, same name).
    const configs = written.filter((item) => item.objectType === "mobileAppConfigurations");
    expect(configs).toHaveLength(fabrikam.objects.mobileAppConfigurations!.length);
    const sourceAppIds = new Set(seededApps.map((app) => app.id));
    for (const item of configs) {
      const readBack = await captureDocumentOf(target, "mobileAppConfigurations", item.targetProviderId!);
      const [appId] = readBack.targetedMobileApps as string[];
      const sourceApp = seededApps.find((app) => app.id === (documentOf(item).targetedMobileApps as string[])[0])!;
      const targetApp = targetApps.find((app) => app.id === appId);
      expect(sourceAppIds.has(String(appId)), item.displayName).toBe(false);
      expect(targetApp && kindAndName(targetApp), item.displayName).toBe(kindAndName(sourceApp));
    }
  });

  it("previews the tenant's own apps as unchanged, line-of-business and global apps as left alone", async () => {
    const { set } = await completeFabrikamBackup();
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId: set.id,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["mobileApps", "mobileAppConfigurations"],
      confirm: false,
    });
    const checks = restoreRun.checks as { code: string; severity: string }[];
    expect(checks.filter((check) => check.severity === "blocker")).toEqual([]);
    const items = await stack.db.restoreItem.findMany({ where: { restoreRunId: restoreRun.id }, include: { backupItem: true } });
    const actionOf = Object.fromEntries(items.map((item) => [item.backupItem.providerId, item.previewAction]));
    for (const app of seededApps) {
      expect(actionOf[String(app.id)], String(app.displayName)).toBe(isBuiltIn(app) || isLineOfBusiness(app) ? "skip" : "no_change");
    }
    for (const config of fabrikam.objects.mobileAppConfigurations!)
      expect(actionOf[config.id], String(config.displayName)).toBe("no_change");
  });
});
