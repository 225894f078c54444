import { demoTenant } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import { signIn, useBrowserStack } from "../kit/browser.ts";
import { describeRuns, replaceClientSecret } from "../kit/stack.ts";

const suite = useBrowserStack();

// Generous bounds: they only end a wait that failed, and the full suite shares two cores between
// several stacks and browsers. A Contoso backup captures 177 objects.
const BACKUP_TIMEOUT_MS = 150_000;
const PREVIEW_TIMEOUT_MS = 120_000;

describe("restore collision blocker in the browser", () => {
  it("shows a TARGET_COLLISION blocker naming both items and the target when two backed-up objects resolve to one", async () => {
    const page = suite.page;
    const contoso = demoTenant("Contoso");
    const [first, second] = contoso.objects.deviceConfigurations as { id: string; displayName: string }[];
    // Two Contoso profiles with one name: restored into Northwind, both would land on one object.
    suite.stack.sim.mutate(contoso.tenantId, "deviceConfigurations", second!.id, { displayName: first!.displayName });
    await signIn(page, suite.stack.baseUrl, "owner@demo.test");

    await page.getByTestId("backup-now-Contoso").click();
    await page.getByTestId("backup-name").fill("Two of a name");
    await page.getByTestId("backup-start").click();
    await page.getByTestId("backup-started-run-link").first().waitFor();
    await page.getByTestId("backups-Contoso").click();
    await page.waitForURL(/\/backups$/);
    const row = page.locator('[data-testid^="backup-row-"]', { has: page.getByTestId("backup-link").filter({ hasText: "Two of a name" }) });
    const finished = row.locator('[data-testid="backup-completeness"]:not([data-state="capturing"])');
    await finished.waitFor({ timeout: BACKUP_TIMEOUT_MS });
    await expect(finished.getAttribute("data-state")).resolves.toBe("complete");
    await row.getByTestId("backup-link").click();
    await page.waitForURL(/\/backups\/[^/]+$/);

    await page.getByTestId("backup-restore").click();
    await page.getByTestId("restore-step-source").waitFor();
    await page.getByTestId("restore-target").click();
    await page.getByRole("option", { name: "Northwind", exact: true }).click();
    await page.getByTestId("restore-create").click();
    await page.waitForURL(/[?&]run=/);

    // The scope is the two profiles of one name and nothing else: the blocker is about them, and a
    // preview of all 177 objects only made the test wait on work it does not look at.
    await page.getByTestId("restore-search").fill(first!.displayName);
    const namesakes = page.locator(`[data-testid="restore-item-${first!.displayName}"]`);
    await namesakes.nth(1).waitFor();
    for (const checkbox of await namesakes.all()) await checkbox.check();
    await expect(page.getByTestId("restore-selected-count").getAttribute("data-count")).resolves.toBe("2");
    await page.getByTestId("restore-preview").click();

    // The preview ends either with its checks or with the reason it stopped: say which, not "timeout".
    const checksDone = page.locator('[data-testid="restore-checks"][data-state="done"]');
    const previewStopped = page.getByTestId("restore-preview-failed").or(page.getByTestId("restore-preview-stopped"));
    await checksDone
      .or(previewStopped)
      .first()
      .waitFor({ timeout: PREVIEW_TIMEOUT_MS })
      .catch(async (error: unknown) => {
        const checks = await page
          .getByTestId("restore-checks")
          .getAttribute("data-state", { timeout: 1_000 })
          .catch(() => "absent");
        const wizard = await page
          .getByTestId("restore-wizard")
          .getAttribute("data-status", { timeout: 1_000 })
          .catch(() => "absent");
        throw new Error(`The checks did not finish (checks ${checks}, restore run ${wizard}):\n${await describeRuns(suite.stack)}`, {
          cause: error,
        });
      });
    if (await previewStopped.count()) throw new Error(`The preview stopped: ${await previewStopped.first().textContent()}`);

    const collision = page.locator('[data-testid="restore-check"][data-code="TARGET_COLLISION"]');
    await collision.waitFor();
    await expect(collision.getAttribute("data-severity")).resolves.toBe("BLOCKER");
    await expect(collision.getByTestId("restore-check-title").textContent()).resolves.toBe("Two items, one target object");
    const message = (await collision.getByTestId("restore-check-message").textContent()) ?? "";
    // Both items by their source ids, and the one target they would both be written to.
    expect(message).toContain(first!.id);
    expect(message).toContain(second!.id);
    expect(message).toContain(`the same target object “${first!.displayName}”`);
    await page.getByTestId("restore-blockers").waitFor();

    // The confirm step refuses while the blocker stands.
    await page.getByTestId("restore-checks-next").click();
    await page.getByTestId("restore-preview-next").click();
    await expect(page.getByTestId("restore-confirm").isDisabled()).resolves.toBe(true);

    // Checked again after Northwind's secret stopped working: the preview is blocked, and the wizard
    // and the restore's page say why and what to do.
    const restoreRunId = new URL(page.url()).searchParams.get("run") ?? "";
    const detailUrl = `${suite.stack.baseUrl}/restores/${encodeURIComponent(restoreRunId)}`;
    const restoreSecret = await replaceClientSecret(suite.stack, "Northwind", "a-secret-the-tenant-refuses");
    try {
      await page.getByTestId("restore-step-checks").click();
      await page.getByTestId("restore-rerun-preview").click();
      const blocked = page.locator('[data-testid="restore-preview-stopped"][data-outcome="BLOCKED"]');
      await blocked.waitFor({ timeout: PREVIEW_TIMEOUT_MS });
      await expect(blocked.getAttribute("data-reason")).resolves.toBe("PROVIDER_CREDENTIALS_REFUSED");
      // The checks come with the restore run, fetched again once its preview run completed.
      await page
        .locator('[data-testid="restore-check"][data-code="PROVIDER_CREDENTIALS_REFUSED"][data-severity="BLOCKER"]')
        .waitFor({ timeout: PREVIEW_TIMEOUT_MS })
        .catch(async (error: unknown) => {
          const shown = await page
            .locator('[data-testid="restore-check"]')
            .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-code")));
          throw new Error(`The checks shown are ${shown.join(", ")}:\n${await describeRuns(suite.stack)}`, { cause: error });
        });
      await page.goto(detailUrl);
      const reason = page.locator('[data-testid="restore-preview-reason"][data-reason="PROVIDER_CREDENTIALS_REFUSED"]');
      await expect(reason.getByTestId("restore-preview-reason-next").textContent()).resolves.toContain("Renew the client secret");
    } finally {
      await restoreSecret();
    }

    // The owner may continue planning this run; a readonly member (an auditor) reads it and its
    // history but gets no control to plan, start or cancel it.
    await page.getByTestId("restore-primary-action").waitFor();
    await page.goto("about:blank");
    await page.context().clearCookies();
    await signIn(page, suite.stack.baseUrl, "readonly@demo.test");
    await page.goto(detailUrl);
    await page.locator('[data-testid="restore-history-event"][data-to="PREVIEWED"]').first().waitFor();
    for (const control of ["restore-primary-action", "restore-cancel"]) {
      await expect(page.getByTestId(control).count()).resolves.toBe(0);
    }
    // Every environment's restores: the run targets Northwind, the selected environment may be another.
    await page.goto(`${suite.stack.baseUrl}/restores?scope=all`);
    await page.getByTestId(`restore-row-${restoreRunId}`).waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("restore-continue").count()).resolves.toBe(0);
  }, 360_000);
});
