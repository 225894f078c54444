import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserStack, northwindDriftTarget, openBrowserStack, signIn as signInAs } from "../kit/browser.ts";

const drift = northwindDriftTarget();
const northwind = { tenantId: drift.tenantId };
const profile = { id: drift.profileId };
const profileName = drift.profileName;
const driftedProperty = drift.property;
const valueBefore = drift.valueInBackup;

let opened: BrowserStack;
let stack: BrowserStack["stack"];
let page: Page;

beforeAll(async () => {
  opened = await openBrowserStack();
  ({ stack, page } = opened);
}, 180_000);

afterAll(async () => {
  await opened?.close();
});

async function signIn() {
  await signInAs(page, stack.baseUrl, "operator@demo.test");
}

/** Opens the "Back up now" popover of Northwind, names the backup, starts it and returns its run id. */
async function backUpNorthwind(name: string, previousRunId = ""): Promise<string> {
  await page.getByTestId("backup-now-Northwind").click();
  await page.getByTestId("backup-name").fill(name);
  await page.getByTestId("backup-start").click();
  // The toast links to the started run (not to the run of an earlier toast still showing).
  const toastLink = page.locator(`[data-testid="backup-started-run-link"]:not([data-run-id="${previousRunId}"])`);
  await toastLink.first().waitFor();
  return (await toastLink.first().getAttribute("data-run-id")) ?? "";
}

/** The backups list row of the set with this name, once its capture has finished. */
async function waitForFinishedBackup(name: string) {
  const row = page.locator('[data-testid^="backup-row-"]', { has: page.getByTestId("backup-link").filter({ hasText: name }) });
  await row.locator('[data-testid="backup-completeness"]:not([data-state="capturing"])').waitFor({ timeout: 90_000 });
  return row;
}

describe("backups in the browser", () => {
  it("backs up Northwind twice around a drift and shows exactly the drifted setting in the policy's history", async () => {
    await signIn();

    // First backup from the Environments page, then follow it on the Backups page.
    const firstRunId = await backUpNorthwind("Before drift");
    await page.getByTestId("backups-Northwind").click();
    await page.waitForURL(/\/backups$/);
    await page.evaluate("window.__noReload = true");
    const first = await waitForFinishedBackup("Before drift");
    await expect(first.getByTestId("backup-completeness").getAttribute("data-state")).resolves.toBe("complete");

    // The portal changes one boolean setting of Northwind's device configuration profile.
    stack.sim.mutate(northwind.tenantId, "deviceConfigurations", String(profile.id), { [driftedProperty]: !valueBefore });

    // Second backup from the Backups page: the new row arrives through the live refresh.
    const secondRunId = await backUpNorthwind("After drift", firstRunId);
    expect(secondRunId).not.toBe(firstRunId);
    const second = await waitForFinishedBackup("After drift");
    await expect(second.getByTestId("backup-completeness").getAttribute("data-state")).resolves.toBe("complete");
    expect(await page.evaluate("window.__noReload")).toBe(true);
    await expect(second.getByTestId("backup-run-link").getAttribute("href")).resolves.toBe(`/runs/${encodeURIComponent(secondRunId)}`);
    // Newest first.
    await expect(page.locator('[data-testid^="backup-row-"]').first().getByTestId("backup-link").textContent()).resolves.toBe(
      "After drift",
    );

    // Open the newest backup and find the profile by name (server-side search).
    await second.getByTestId("backup-link").click();
    await page.waitForURL(/\/backups\/[^/]+$/);
    await page.getByTestId("backup-completeness-section").waitFor();

    // The Markdown export downloads through a freshly signed link and lists the profile.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-download-markdown").click()]);
    expect(download.suggestedFilename()).toBe("After drift.md");
    expect(readFileSync(await download.path(), "utf8")).toContain(profileName);
    await page.getByTestId("backup-item-search").fill(profileName);
    const item = page.getByTestId(`backup-item-${profileName}`);
    await item.waitFor();
    await expect.poll(() => page.locator('[data-testid^="backup-item-group-"]').count(), { timeout: 10_000 }).toBe(1);

    // Its history: two versions, and the diff of newest vs previous is exactly the drifted setting.
    await item.getByTestId("item-history").click();
    await page.waitForURL(/\/versions\/[^/]+/);
    await expect.poll(() => page.locator('[data-testid^="version-row-"]').count(), { timeout: 15_000 }).toBe(2);
    const diffRow = page.locator(`[data-testid="diff-row"][data-path="${driftedProperty}"]`);
    await diffRow.waitFor({ timeout: 15_000 });
    await expect(page.getByTestId("diff-row").count()).resolves.toBe(1);
    await expect(diffRow.getAttribute("data-kind")).resolves.toBe("CHANGED");
    await expect(diffRow.getByTestId("diff-before").textContent()).resolves.toBe(String(valueBefore));
    await expect(diffRow.getByTestId("diff-after").textContent()).resolves.toBe(String(!valueBefore));

    // The side-by-side payloads mark the changed line on both sides.
    await page.getByTestId("payloads-toggle").click();
    for (const side of ["payload-from", "payload-to"]) {
      const marked = page.getByTestId(side).locator('[data-changed="true"]');
      await marked.first().waitFor();
      await expect(marked.allTextContents()).resolves.toEqual([expect.stringContaining(`"${driftedProperty}"`)]);
    }
  }, 240_000);
});
