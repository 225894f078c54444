import type { createDb } from "@atlas/db";
import { afterAll, describe, expect, it } from "vitest";
import { signIn, useBrowserStack } from "../kit/browser.ts";
import { restoreThroughWizard } from "../kit/restore-fixture.ts";
import { syncedAndBackedUp } from "../kit/synced-environment.ts";

const suite = useBrowserStack();
let db: ReturnType<typeof createDb> | undefined;
afterAll(async () => {
  await db?.$disconnect();
});

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");
const PREVIEW_TIMEOUT_MS = 120_000;
/** Northwind's one Conditional Access policy: enforced, and it excludes nobody. */
const ADMIN_MFA = "Northwind - CA001 - Require MFA for administrators";

describe("Conditional Access in the restore preview", () => {
  it("shows a policy as written report-only; switched on in its row, the checks run again and block the lockout", async () => {
    const synced = await syncedAndBackedUp(suite.stack.databaseUrl, "Northwind");
    db = synced.db;
    const { restoreRun } = await restoreThroughWizard(db, synced.actor, {
      backupSetId: synced.backupSetId,
      environmentId: synced.environment.id,
      objectTypes: ["namedLocations", "conditionalAccessPolicies"],
      dryRun: true,
      confirm: false,
    });
    const page = suite.page;
    await signIn(page, suite.stack.baseUrl, "owner@demo.test");
    await page.goto(
      `${suite.stack.baseUrl}/restore/new?backupSet=${encodeURIComponent(globalId("BackupSet", synced.backupSetId))}&run=${encodeURIComponent(globalId("RestoreRun", restoreRun.id))}`,
    );
    await page.getByTestId("restore-step-preview").click();
    const row = page.locator(`[data-testid="restore-preview-row"][data-name="${ADMIN_MFA}"]`);
    const control = row.getByTestId("restore-preview-switch-on");
    await control.waitFor();
    await expect(control.getAttribute("data-state")).resolves.toBe("enabledForReportingButNotEnforced");
    await expect(control.textContent()).resolves.toContain("Written report-only");

    // The switch shows the saved choice: it flips once the new scope is saved, not on the click.
    await row.getByTestId("restore-preview-switch-on-toggle").click();
    await page.locator('[data-testid="restore-checks"][data-state="done"]').waitFor({ timeout: PREVIEW_TIMEOUT_MS });
    const lockout = page.locator('[data-testid="restore-check"][data-code="CONDITIONAL_ACCESS_LOCKOUT"]');
    await lockout.waitFor({ timeout: PREVIEW_TIMEOUT_MS });
    await expect(lockout.getAttribute("data-severity")).resolves.toBe("BLOCKER");
    await expect(lockout.textContent()).resolves.toContain("Administrators could be locked out");
    await page.getByTestId("restore-blockers").waitFor();
    const item = await db.restoreItem.findFirstOrThrow({ where: { restoreRunId: restoreRun.id, displayName: ADMIN_MFA } });
    expect(item.switchedOn).toBe(true);
  }, 360_000);
});
