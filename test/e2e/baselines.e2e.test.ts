import { createBaselineFromBackup, editBaseline, itemsFromFiles, loadUserActor } from "@atlas/core";
import { createDb } from "@atlas/db";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { northwindDriftTarget, signIn, useBrowserStack } from "../kit/browser.ts";
import { backupOf } from "../kit/restore-fixture.ts";

const suite = useBrowserStack();
const drift = northwindDriftTarget();
let db: ReturnType<typeof createDb> | undefined;
afterAll(async () => {
  await db?.$disconnect();
});

/** The page's width against the window's: a page that fits never scrolls sideways. */
function widths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate("({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })");
}

/** A few files of each folder of the sample, read where they lie; the smallest of each, to keep the request small. */
function sampleFiles() {
  const all = jsonFilesBelow(openIntuneBaselineDir());
  const folders = ["CompliancePolicies", "DeviceConfiguration", "SettingsCatalog", "NativeImport"];
  return folders.map((folder) => all.filter((file) => file.folder === folder).sort((a, b) => a.bytes.length - b.bytes.length)[0]!);
}

describe("baselines and the fleet in the browser", () => {
  it("imports sample files by the drop zone, shows what was recognized and what was not, and what a later version changed", async () => {
    const { page, stack } = suite;
    await signIn(page, stack.baseUrl, "operator@demo.test");
    await page.getByTestId("nav-baselines").click();
    await page.waitForURL(/\/baselines$/);

    const files = sampleFiles();
    // A mobile app, a type the product cannot back up yet: listed, not guessed.
    const unsupportedFile = {
      name: "7-Zip.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ "@odata.type": "#microsoft.graph.win32LobApp", displayName: "7-Zip" })),
    };
    const expected = itemsFromFiles([
      ...files.map((file) => ({ name: file.path.split("/").at(-1)!, bytes: file.bytes })),
      { name: unsupportedFile.name, bytes: new Uint8Array(unsupportedFile.buffer) },
    ]);
    expect(expected.items.length).toBe(files.length);

    await page.getByTestId("baseline-import-name").fill("OIB sample");
    await page
      .getByTestId("baseline-drop-input")
      .setInputFiles([
        ...files.map((file) => ({ name: file.path.split("/").at(-1)!, mimeType: "application/json", buffer: Buffer.from(file.bytes) })),
        unsupportedFile,
      ]);
    await expect.poll(() => page.getByTestId("baseline-chosen-count").getAttribute("data-count")).toBe(String(files.length + 1));
    await page.getByTestId("baseline-import-submit").click();

    const result = page.getByTestId("baseline-import-result");
    await result.waitFor({ timeout: 30_000 });
    await expect(result.getByTestId("baseline-recognized-count").getAttribute("data-count")).resolves.toBe(String(files.length));
    const shown = await result.getByTestId("baseline-item").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-name")));
    expect(shown.sort()).toEqual(expected.items.map((item) => item.displayName).sort());
    const refused = result.getByTestId("baseline-not-recognized-file");
    await expect(refused.count()).resolves.toBe(1);
    await expect(refused.getAttribute("data-file")).resolves.toBe(unsupportedFile.name);
    await expect(refused.getAttribute("data-reason")).resolves.toBe(expected.notRecognized[0]!.reason);
    // The list shows the new baseline with its object count.
    const row = page.locator('[data-testid="baseline-row"][data-name="OIB sample"]');
    await expect(row.getByTestId("baseline-item-count").textContent()).resolves.toBe(String(files.length));

    // An edit (one object removed) writes version 2; its page shows what it changed against version 1.
    db = createDb(stack.databaseUrl);
    const operator = await db.user.findUniqueOrThrow({ where: { email: "operator@demo.test" } });
    const imported = await db.baseline.findFirstOrThrow({
      where: { name: "OIB sample" },
      include: { versions: { include: { items: true } } },
    });
    const removed = imported.versions[0]!.items.sort((a, b) => a.displayName.localeCompare(b.displayName))[0]!;
    await editBaseline(db, (await loadUserActor(db, operator.id))!, { baselineId: imported.id, removeItemIds: [removed.id] });
    await page.reload();
    await row.getByTestId("baseline-link").click();
    const change = page.getByTestId("baseline-version-change");
    await change.first().waitFor();
    await expect(change.count()).resolves.toBe(1);
    await expect(change.getAttribute("data-kind")).resolves.toBe("REMOVED");
    await expect(change.getAttribute("data-name")).resolves.toBe(removed.displayName);
    await expect(page.getByTestId("baseline-version").count()).resolves.toBe(2);
  }, 120_000);

  it("checks Northwind against a baseline of its backup from the UI, shows 1 changed in the fleet, accepts the finding and reverts a later one", async () => {
    const { page, stack } = suite;
    db ??= createDb(stack.databaseUrl);
    const operator = await db.user.findUniqueOrThrow({ where: { email: "operator@demo.test" } });
    const actor = (await loadUserActor(db, operator.id))!;
    const northwind = await db.managedEnvironment.findFirstOrThrow({ where: { name: "Northwind" } });
    const backupSetId = await backupOf(db, actor, northwind.id);
    await createBaselineFromBackup(db, actor, { backupSetId, name: "Northwind standard" });

    // Assign it to Northwind on its page.
    await page.goto(`${stack.baseUrl}/baselines`);
    await page.locator('[data-testid="baseline-row"][data-name="Northwind standard"]').getByTestId("baseline-link").click();
    await page.getByTestId("baseline-detail").waitFor();
    await page.getByTestId("baseline-assign-select").click();
    await page.getByRole("option", { name: "Northwind", exact: true }).click();
    await page.getByTestId("baseline-assign").click();
    const assignment = page.locator('[data-testid="baseline-assignment"][data-environment="Northwind"]');
    await assignment.waitFor();

    // The portal changes one setting; the check runs from the UI.
    stack.sim.mutate(drift.tenantId, "deviceConfigurations", drift.profileId, { [drift.property]: !drift.valueInBackup });
    await assignment.getByTestId("drift-check-Northwind").click();
    await page.getByTestId("drift-check-run-link").first().waitFor();

    // The fleet view follows the check live: one object changed, the rest equal, the check proven.
    await page.getByTestId("nav-fleet").click();
    await page.waitForURL(/\/fleet$/);
    const fleetRow = page.locator('[data-testid="fleet-row"][data-environment="Northwind"][data-baseline="Northwind standard"]');
    await expect
      .poll(
        () =>
          fleetRow
            .getByTestId("fleet-changed")
            .getAttribute("data-value")
            .catch(() => null),
        { timeout: 120_000 },
      )
      .toBe("1");
    await expect(fleetRow.getByTestId("fleet-missing").getAttribute("data-value")).resolves.toBe("0");
    await expect.poll(() => fleetRow.getByTestId("fleet-check-proof").getAttribute("data-proven"), { timeout: 30_000 }).toBe("true");
    await expect(fleetRow.getAttribute("data-drifted")).resolves.toBe("true");

    // The row opens Northwind's findings; the finding names the setting, the baseline's value and the tenant's.
    await fleetRow.getByTestId("fleet-open").click();
    await page.waitForURL(/\/fleet\/environments\/[^/]+$/);
    const finding = page.locator(`[data-testid="drift-finding"][data-name="${drift.profileName}"]`);
    await finding.waitFor();
    await expect(page.getByTestId("drift-finding").count()).resolves.toBe(1);
    await expect(finding.getAttribute("data-kind")).resolves.toBe("CHANGED");
    await finding.getByTestId("drift-finding-toggle").click();
    const diffRow = finding.locator(`[data-testid="diff-row"][data-path="${drift.property}"]`);
    await expect(diffRow.getByTestId("diff-before").textContent()).resolves.toBe(String(drift.valueInBackup));
    await expect(diffRow.getByTestId("diff-after").textContent()).resolves.toBe(String(!drift.valueInBackup));

    // Accepting asks why; the finding leaves the open list and reads as accepted, by whom and why.
    await finding.getByTestId("drift-accept").click();
    await page.getByTestId("accept-reason").fill("Northwind's kiosks need this setting");
    await page.getByTestId("accept-confirm").click();
    await page.getByTestId("findings-empty").waitFor();
    await page.getByTestId("findings-shown").getByText("All").click();
    const accepted = page.locator(`[data-testid="drift-finding"][data-state="ACCEPTED"]`);
    await accepted.waitFor();
    await expect(accepted.getByTestId("drift-finding-acted").textContent()).resolves.toContain("Oscar Operator");
    await expect(accepted.textContent()).resolves.toContain("Northwind's kiosks need this setting");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "drift.accept" } });
    expect(audit.metadata).toMatchObject({ reason: "Northwind's kiosks need this setting", displayName: drift.profileName });

    // Put back in the portal, the setting now differs from the accepted value: revert opens the restore wizard on its run.
    stack.sim.mutate(drift.tenantId, "deviceConfigurations", drift.profileId, { [drift.property]: drift.valueInBackup });
    await page.getByTestId("drift-check-Northwind").click();
    const reopened = page.locator(`[data-testid="drift-finding"][data-state="OPEN"][data-name="${drift.profileName}"]`);
    await reopened.waitFor({ timeout: 120_000 });
    await reopened.getByTestId("drift-revert").click();
    await page.waitForURL(/\/restore\/new\?run=[^&]+&backupSet=.+$/);
    await page.getByTestId("restore-wizard").waitFor();
    const revertedFinding = await db.driftFinding.findFirstOrThrow({ where: { state: "REVERTED" } });
    expect(revertedFinding).toMatchObject({ displayName: drift.profileName, restoreRunId: expect.any(String) });

    // A baseline can also be made on the backup's own page.
    const backupPath = `/backups/${encodeURIComponent(Buffer.from(`BackupSet:${backupSetId}`).toString("base64"))}`;
    await page.goto(`${stack.baseUrl}${backupPath}`);
    await page.getByTestId("baseline-from-backup").click();
    await page.getByTestId("baseline-from-backup-name").fill("Northwind from its backup page");
    await page.getByTestId("baseline-from-backup-create").click();
    await page.waitForURL(/\/baselines\/[^/]+$/);
    await page.getByTestId("baseline-items").waitFor();
    // Every backed-up object but the mobile apps, which are not baseline material yet.
    const baselineItems = await db.backupItem.count({ where: { backupSetId, objectType: { not: "mobileApps" } } });
    await expect(page.getByTestId("baseline-item").count()).resolves.toBe(baselineItems);
  }, 240_000);

  it("shows a read-only user the fleet, the findings and the baselines without any action", async () => {
    const { page, stack } = suite;
    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/login/);
    await signIn(page, stack.baseUrl, "readonly@demo.test");
    await page.goto(`${stack.baseUrl}/fleet`);
    await expect(page.getByTestId("drift-schedule-words").textContent()).resolves.toBe("Checked automatically every 6 hours");
    await expect(page.getByTestId("drift-schedule-save").count()).resolves.toBe(0);
    const fleetRow = page.locator('[data-testid="fleet-row"][data-environment="Northwind"][data-baseline="Northwind standard"]');
    await fleetRow.getByTestId("fleet-open").click();
    await page.getByTestId("findings-shown").getByText("All").click();
    await page.getByTestId("drift-finding").first().waitFor();
    await expect(page.getByTestId("drift-finding").count()).resolves.toBeGreaterThan(0);
    await expect(
      page.locator('[data-testid="drift-accept"], [data-testid="drift-revert"], [data-testid^="drift-check-"]').count(),
    ).resolves.toBe(0);
    await page.goto(`${stack.baseUrl}/baselines`);
    await page.locator('[data-testid="baseline-row"][data-name="Northwind standard"]').getByTestId("baseline-link").click();
    await page.getByTestId("baseline-items").waitFor();
    await expect(page.getByTestId("baseline-assignment").count()).resolves.toBe(1);
    await expect(
      page
        .locator(
          '[data-testid="baseline-import"], [data-testid="baseline-assign"], [data-testid^="baseline-unassign-"], [data-testid^="drift-check-"], [data-testid="deploy-submit"]',
        )
        .count(),
    ).resolves.toBe(0);
  }, 60_000);

  it("lets an owner set how often the workspace is checked for drift", async () => {
    const { page, stack } = suite;
    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/login/);
    await signIn(page, stack.baseUrl, "owner@demo.test");
    await page.goto(`${stack.baseUrl}/fleet`);
    await expect.poll(() => page.getByTestId("drift-schedule-words").textContent()).toBe("Checked automatically every 6 hours");
    await page.getByTestId("drift-schedule-hours").fill("12");
    await page.getByTestId("drift-schedule-save").click();
    await expect.poll(() => page.getByTestId("drift-schedule-words").textContent()).toBe("Checked automatically every 12 hours");
    db ??= createDb(stack.databaseUrl);
    await expect(db.driftSchedule.findFirst({ select: { enabled: true, intervalHours: true } })).resolves.toEqual({
      enabled: true,
      intervalHours: 12,
    });
  }, 60_000);

  it("fits a phone: the fleet and baselines pages never scroll sideways at 390 px", async () => {
    const { page, stack } = suite;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, ready] of [
      ["/fleet", "fleet-table"],
      ["/baselines", "baselines-table"],
    ] as const) {
      await page.goto(`${stack.baseUrl}${path}`);
      await page.getByTestId(ready).waitFor();
      const { scrollWidth, innerWidth } = await widths(page);
      expect(scrollWidth, path).toBeLessThanOrEqual(innerWidth);
    }
  }, 60_000);
});
