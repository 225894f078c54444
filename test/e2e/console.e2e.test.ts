import type { createDb } from "@atlas/db";
import { afterAll, describe, expect, it } from "vitest";
import { signIn, useBrowserStack } from "../kit/browser.ts";
import { eventually } from "../kit/eventually.ts";
import { restoreThroughWizard } from "../kit/restore-fixture.ts";
import { syncedAndBackedUp } from "../kit/synced-environment.ts";

// Berlin in December is one hour ahead of UTC: schedules in words and absolute times must show that.
const suite = useBrowserStack({ timezoneId: "Europe/Berlin" });
let db: ReturnType<typeof createDb> | undefined;
afterAll(async () => {
  await db?.$disconnect();
});

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

/** Northwind synced and backed up by its owner, with a daily 02:00 UTC schedule. */
async function seedNorthwind() {
  const synced = await syncedAndBackedUp(suite.stack.databaseUrl, "Northwind");
  db = synced.db;
  await db.backupSchedule.create({
    data: {
      workspaceId: synced.environment.workspaceId,
      managedEnvironmentId: synced.environment.id,
      enabled: true,
      cronExpression: "0 2 * * *",
    },
  });
  return { syncRunId: synced.syncRunId, backupSetId: synced.backupSetId, actor: synced.actor, northwindId: synced.environment.id };
}

let seeded: Awaited<ReturnType<typeof seedNorthwind>> | undefined;

describe("the run console", () => {
  it("shows who started each run, how long it took and when in the user's zone; the dashboard links the tenant's records; a finished run runs again", async () => {
    seeded = await seedNorthwind();
    const { syncRunId, backupSetId } = seeded;
    const page = suite.page;
    await signIn(page, suite.stack.baseUrl, "operator@demo.test");
    await page.getByTestId("environment-switcher").click();
    await page.getByRole("option", { name: "Northwind", exact: true }).click();

    // Operations: started-by by name, a duration from queued to finished, relative time with the absolute one on hover.
    await page.goto(`${suite.stack.baseUrl}/operations`);
    const row = page.getByTestId(`run-row-${globalId("OperationRun", syncRunId)}`);
    await row.waitFor();
    await expect(row.getByTestId("run-started-by").innerText()).resolves.toBe("Olivia Owner");
    await expect(row.getByTestId("run-duration").getAttribute("data-ms")).resolves.toMatch(/^[1-9]\d*$/);
    const created = row.locator("time").first();
    await expect(created.locator("[aria-hidden]").innerText()).resolves.toMatch(/ago$|^now$/);
    await created.hover();
    const tooltip = page.getByRole("tooltip");
    await tooltip.waitFor();
    await expect(tooltip.innerText()).resolves.toMatch(/\d{1,2}:\d{2}:\d{2} (AM|PM) GMT\+1$/);

    // Dashboard: each tile says what it found and links to the record.
    await page.goto(`${suite.stack.baseUrl}/dashboard`);
    const lastSync = page.getByTestId("dashboard-last-sync");
    await expect(lastSync.getByTestId("run-outcome").getAttribute("data-outcome")).resolves.toBeTruthy();
    await expect(lastSync.getByTestId("dashboard-record-link").getAttribute("href")).resolves.toBe(
      `/runs/${encodeURIComponent(globalId("OperationRun", syncRunId))}`,
    );
    const lastBackup = page.getByTestId("dashboard-last-backup");
    await expect(lastBackup.getByTestId("backup-completeness").getAttribute("data-state")).resolves.toMatch(/^(complete|incomplete)$/);
    await expect(lastBackup.getByTestId("dashboard-record-link").getAttribute("href")).resolves.toBe(
      `/backups/${encodeURIComponent(globalId("BackupSet", backupSetId))}`,
    );
    await expect(page.getByTestId("dashboard-last-restore").innerText()).resolves.toContain("None yet");

    // The schedule in words, in Berlin time, with its next three runs.
    await page.goto(`${suite.stack.baseUrl}/backups`);
    const words = page.getByTestId("schedule-words");
    await expect(words.innerText()).resolves.toMatch(/^At 03:00 \(time zone Europe\/Berlin\)$/);
    await expect(page.getByTestId("schedule-next-run-item").count()).resolves.toBe(3);
    await page.getByTestId("language-switch").getByText("Deutsch").click();
    await eventually(async () => (await words.innerText()) === "Um 03:00 (Zeitzone Europe/Berlin)", { what: "the German schedule" });
    await page.getByTestId("language-switch").getByText("English").click();

    // Run again: the same sync starts for the operator who asked, and the view follows it.
    await page.goto(`${suite.stack.baseUrl}/runs/${encodeURIComponent(globalId("OperationRun", syncRunId))}`);
    await page.getByTestId("run-rerun").click();
    await page.locator(`[data-testid="run-detail"]:not([data-run-id="${globalId("OperationRun", syncRunId)}"])`).waitFor();
    await expect(page.getByTestId("run-title").getAttribute("data-type")).resolves.toBe("inventory.sync");
    await expect(page.getByTestId("run-detail").locator('[data-kind="user"]').first().innerText()).resolves.toBe("Oscar Operator");
    await expect(page.getByTestId("run-duration").first().getAttribute("data-ms")).resolves.toMatch(/^\d+$/);
    // Between its status changes the timeline shows the run's steps: a line per object type read.
    const steps = page.getByTestId("run-timeline").locator('[data-kind="step"]');
    await eventually(async () => (await steps.count()) > 0, { what: "the sync's steps" });
    await eventually(async () => (await steps.allInnerTexts()).some((text) => /^Device configuration profile: \d+ read/.test(text)), {
      what: "the step of device configurations",
    });
    const runs = await db!.operationRun.count({ where: { type: "inventory.sync" } });
    expect(runs).toBe(2);
  });

  it("restores one version from its history, and plans the live run of a dry run with its source, target and scope", async () => {
    if (!seeded || !db) throw new Error("the first test seeds Northwind");
    const page = suite.page;
    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/login/);
    await signIn(page, suite.stack.baseUrl, "owner@demo.test");

    // Restore this version: the wizard opens on the backup holding it, with only that item in scope.
    const item = await db.backupItem.findFirstOrThrow({ where: { backupSetId: seeded.backupSetId, isFoundation: false } });
    await page.goto(`${suite.stack.baseUrl}/versions/${encodeURIComponent(globalId("PolicyVersion", item.policyVersionId))}`);
    await page.getByTestId("version-restore").first().click();
    await page.getByTestId("restore-step-source").waitFor();
    await page.getByTestId("restore-target").click();
    await page.getByRole("option", { name: "Northwind", exact: true }).click();
    await page.getByTestId("restore-create").click();
    await page.getByTestId(`restore-item-${item.displayName}`).waitFor();
    await eventually(async () => (await page.locator('[data-testid^="restore-item-"]:checked').count()) === 1, {
      what: "one item in scope",
    });
    await expect(page.getByTestId(`restore-item-${item.displayName}`).isChecked()).resolves.toBe(true);

    // Select everything, then drop the preview-only items (they would block the restore) in one click.
    await page.getByTestId("restore-select-all").check();
    const previewOnly = page.locator('[data-testid^="restore-item-"][data-preview-only="true"]');
    expect(await previewOnly.count()).toBeGreaterThan(0);
    await page.getByTestId("restore-remove-preview-only").click();
    await expect(page.getByTestId("restore-preview-only-selected").count()).resolves.toBe(0);
    await expect(page.locator('[data-testid^="restore-item-"][data-preview-only="true"]:checked').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid^="restore-item-"][data-preview-only="false"]:not(:checked)').count()).resolves.toBe(0);

    // A finished dry run: planning its live run keeps the source, the target and the scope (items and
    // mode), with dry run off.
    const { restoreRun } = await restoreThroughWizard(db, seeded.actor, {
      backupSetId: seeded.backupSetId,
      environmentId: seeded.northwindId,
      objectTypes: ["deviceConfigurations", "roleScopeTags"],
      mode: "without_assignments",
      dryRun: true,
    });
    const scoped = await db.restoreItem.findMany({ where: { restoreRunId: restoreRun.id }, select: { backupItemId: true } });
    await page.goto(`${suite.stack.baseUrl}/restores/${encodeURIComponent(globalId("RestoreRun", restoreRun.id))}`);
    // The dry run says at the top what the live run would do, and leads to the proof from there.
    const summary = page.getByTestId("restore-dry-run-summary");
    await summary.waitFor();
    await eventually(
      async () => {
        const counts = await summary
          .locator("[data-count]")
          .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute("data-count"))));
        return counts.reduce((sum, count) => sum + count, 0) === scoped.length;
      },
      { what: "the dry run's planned actions" },
    );
    await page.getByTestId("restore-jump-to-proof").click();
    await eventually(
      async () => {
        const box = await page.getByTestId("restore-proof").boundingBox();
        return box !== null && box.y >= 0 && box.y < 800;
      },
      { what: "the proof panel in view" },
    );
    await page.getByTestId("restore-primary-action").click();
    await page.getByTestId("restore-step-source").waitFor();
    await expect(page.getByTestId("restore-dry-run").isChecked()).resolves.toBe(false);
    await expect(page.getByTestId("restore-target").inputValue()).resolves.toBe("Northwind");
    await page.getByTestId("restore-create").click();
    await eventually(async () => (await page.locator('[data-testid^="restore-item-"]:checked').count()) === scoped.length, {
      what: `the dry run's ${scoped.length} items in scope`,
    });
    await expect(page.getByTestId("restore-mode").locator("input:checked").getAttribute("value")).resolves.toBe("WITHOUT_ASSIGNMENTS");
    await expect(page.getByTestId("restore-frozen-target").first().textContent()).resolves.toContain("Northwind");

    // Preview: filtered by one action, every row shown has it; the step's buttons stay in a sticky bar.
    await page.getByTestId("restore-preview").click();
    await page.getByTestId("restore-checks-next").click({ timeout: 90_000 });
    const rows = page.getByTestId("restore-preview-row");
    await rows.first().waitFor();
    const first = (await rows.first().getAttribute("data-action")) ?? "";
    const label = { CREATE: "Create", UPDATE: "Update", NO_CHANGE: "No change", SKIP: "Skip" }[first] ?? first;
    await page.getByTestId("restore-action-filter").getByText(label, { exact: true }).click();
    await eventually(
      async () => {
        const actions = await rows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-action")));
        return actions.length > 0 && actions.every((action) => action === first);
      },
      { what: `only ${first} rows` },
    );
    await expect(page.getByTestId("restore-action-bar").evaluate((node) => getComputedStyle(node).position)).resolves.toBe("sticky");
  });
});
