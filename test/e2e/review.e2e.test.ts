import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backUpEnvironment, northwindDriftTarget, signIn, useBrowserStack, waitForFinishedBackup } from "../kit/browser.ts";

const suite = useBrowserStack();
const drift = northwindDriftTarget();

describe("environment reviews in the browser", () => {
  it("composes a review, watches it finish, opens it, publishes it and downloads both exports", async () => {
    const { page, stack } = suite;
    await signIn(page, stack.baseUrl, "owner@demo.test");
    await page.getByRole("link", { name: "Reviews" }).click();
    await page.waitForURL(/\/reviews$/);
    await page.getByTestId("review-compose").click();
    await page.getByTestId("review-compose-run-link").first().waitFor();
    // The list refreshes itself when the compose run completes.
    const row = page.locator('[data-testid="review-row"]', { has: page.locator('[data-status="READY"]') });
    await row.first().waitFor({ timeout: 60_000 });
    await row.first().getByTestId("review-open").click();
    await page.waitForURL(/\/reviews\/[^/]+$/);
    await page.getByTestId("review-detail").waitFor();
    await expect(page.getByTestId("review-status").getAttribute("data-status")).resolves.toBe("READY");
    // The document's tables, as the exports print them.
    await page.getByTestId("review-inventory").waitFor();
    await page.getByTestId("review-backup-coverage").waitFor();

    await page.getByTestId("review-publish").click();
    await page.getByTestId("review-confirm").click();
    await expect.poll(() => page.getByTestId("review-status").getAttribute("data-status"), { timeout: 15_000 }).toBe("PUBLISHED");

    const [html] = await Promise.all([page.waitForEvent("download"), page.getByTestId("review-download-html").click()]);
    expect(html.suggestedFilename()).toMatch(/ review \d{4}-\d{2}-\d{2}\.html$/);
    const text = readFileSync(await html.path(), "utf8");
    expect(text).toContain("Demo MSP");
    expect(text).toContain("Status: published");
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByTestId("review-download-pdf").click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  }, 180_000);
  it("compares two reviews of Northwind around a drift and shows the drifted setting side by side", async () => {
    const { page, stack } = suite;
    /** Backs Northwind up from the Environments page, then composes its review and waits for the list to show `reviews` rows. */
    async function backUpAndCompose(backupName: string, reviews: number) {
      await page.goto(`${stack.baseUrl}/environments`);
      await backUpEnvironment(page, "Northwind", backupName);
      // Opening its backups also makes Northwind the chosen environment of the Reviews page.
      await page.getByTestId("backups-Northwind").click();
      await waitForFinishedBackup(page, backupName);
      await page.getByRole("link", { name: "Reviews" }).click();
      await page.waitForURL(/\/reviews$/);
      await page.getByTestId("review-compose").click();
      const ready = page.locator('[data-testid="review-row"]', { has: page.locator('[data-status="READY"]') });
      await expect.poll(() => ready.count(), { timeout: 60_000 }).toBe(reviews);
    }

    await backUpAndCompose("Before drift", 1);
    stack.sim.mutate(drift.tenantId, "deviceConfigurations", drift.profileId, { [drift.property]: !drift.valueInBackup });
    await backUpAndCompose("After drift", 2);

    await expect(page.getByTestId("review-compare").isDisabled()).resolves.toBe(true);
    const selects = page.getByTestId("review-select");
    await selects.nth(0).check();
    await selects.nth(1).check();
    await page.getByTestId("review-compare").click();
    await page.waitForURL(/\/reviews\/compare\?left=.+&right=.+$/);
    await page.getByTestId("review-compare-page").waitFor();
    await expect(page.getByTestId("review-compare-side").count()).resolves.toBe(2);
    await expect(page.getByTestId("review-compare-count-inventoryObjects").getAttribute("data-changed")).resolves.toBe("false");

    // Between the two reviews' backups exactly the drifted setting changed, earlier value left, later right.
    const change = page.getByTestId("review-change").filter({ hasText: drift.profileName });
    await change.waitFor();
    await expect(page.getByTestId("review-setting-change").count()).resolves.toBe(1);
    await expect(change.getByTestId("review-setting-change").textContent()).resolves.toBe(
      `${drift.property}${String(drift.valueInBackup)}${String(!drift.valueInBackup)}`,
    );
  }, 240_000);
});
