import { readFileSync } from "node:fs";
import { createDb } from "@atlas/db";
import { describe, expect, it } from "vitest";
import {
  backUpEnvironment,
  northwindDriftTarget,
  signIn as signInAs,
  useBrowserStack,
  waitForFinishedBackup as waitForBackup,
} from "../kit/browser.ts";

const drift = northwindDriftTarget();
const suite = useBrowserStack();

async function signIn() {
  await signInAs(suite.page, suite.stack.baseUrl, "operator@demo.test");
}

function backUpNorthwind(name: string, previousRunId = ""): Promise<string> {
  return backUpEnvironment(suite.page, "Northwind", name, previousRunId);
}

function waitForFinishedBackup(name: string) {
  return waitForBackup(suite.page, name);
}

describe("backups in the browser", () => {
  it("backs up Northwind twice around a drift and shows exactly the drifted setting in the policy's history", async () => {
    await signIn();

    // First backup from the Environments page, then follow it on the Backups suite.page.
    const firstRunId = await backUpNorthwind("Before drift");
    await suite.page.getByTestId("backups-Northwind").click();
    await suite.page.waitForURL(/\/backups$/);
    await suite.page.evaluate("window.__noReload = true");
    const first = await waitForFinishedBackup("Before drift");
    await expect(first.getByTestId("backup-completeness").getAttribute("data-state")).resolves.toBe("complete");

    // The portal changes one boolean setting of Northwind's device configuration profile.
    suite.stack.sim.mutate(drift.tenantId, "deviceConfigurations", drift.profileId, { [drift.property]: !drift.valueInBackup });

    // Second backup from the Backups page: the new row arrives through the live refresh.
    const secondRunId = await backUpNorthwind("After drift", firstRunId);
    expect(secondRunId).not.toBe(firstRunId);
    const second = await waitForFinishedBackup("After drift");
    await expect(second.getByTestId("backup-completeness").getAttribute("data-state")).resolves.toBe("complete");
    expect(await suite.page.evaluate("window.__noReload")).toBe(true);
    await expect(second.getByTestId("backup-run-link").getAttribute("href")).resolves.toBe(`/runs/${encodeURIComponent(secondRunId)}`);
    // Newest first.
    await expect(suite.page.locator('[data-testid^="backup-row-"]').first().getByTestId("backup-link").textContent()).resolves.toBe(
      "After drift",
    );

    // Open the newest backup and find the profile by name (server-side search).
    await second.getByTestId("backup-link").click();
    await suite.page.waitForURL(/\/backups\/[^/]+$/);
    await suite.page.getByTestId("backup-completeness-section").waitFor();

    // The Markdown export downloads through a freshly signed link and lists the profile.
    const [download] = await Promise.all([suite.page.waitForEvent("download"), suite.page.getByTestId("backup-download-markdown").click()]);
    expect(download.suggestedFilename()).toBe("After drift.md");
    expect(readFileSync(await download.path(), "utf8")).toContain(drift.profileName);
    await suite.page.getByTestId("backup-item-search").fill(drift.profileName);
    const item = suite.page.getByTestId(`backup-item-${drift.profileName}`);
    await item.waitFor();
    await expect.poll(() => suite.page.locator('[data-testid^="backup-item-group-"]').count(), { timeout: 10_000 }).toBe(1);

    // Its history: two versions, and the diff of newest vs previous is exactly the drifted setting.
    await item.getByTestId("item-history").click();
    await suite.page.waitForURL(/\/versions\/[^/]+/);
    await expect.poll(() => suite.page.locator('[data-testid^="version-row-"]').count(), { timeout: 15_000 }).toBe(2);
    const diffRow = suite.page.locator(`[data-testid="diff-row"][data-path="${drift.property}"]`);
    await diffRow.waitFor({ timeout: 15_000 });
    await expect(suite.page.getByTestId("diff-row").count()).resolves.toBe(1);
    await expect(diffRow.getAttribute("data-kind")).resolves.toBe("CHANGED");
    await expect(diffRow.getByTestId("diff-before").textContent()).resolves.toBe(String(drift.valueInBackup));
    await expect(diffRow.getByTestId("diff-after").textContent()).resolves.toBe(String(!drift.valueInBackup));

    // The side-by-side payloads mark the changed line on both sides.
    await suite.page.getByTestId("payloads-toggle").click();
    for (const side of ["payload-from", "payload-to"]) {
      const marked = suite.page.getByTestId(side).locator('[data-changed="true"]');
      await marked.first().waitFor();
      await expect(marked.allTextContents()).resolves.toEqual([expect.stringContaining(`"${drift.property}"`)]);
    }

    // Compare the two backups from the Backups page: exactly the drifted setting of that profile,
    // the earlier value before the later one, whichever side each backup was picked on.
    await suite.page.goto(`${suite.stack.baseUrl}/backups`);
    await suite.page.getByTestId("backups-compare").click();
    await suite.page.waitForURL(/\/backups\/compare/);
    for (const [side, name] of [
      ["compare-left", "After drift"],
      ["compare-right", "Before drift"],
    ] as const) {
      await suite.page.getByTestId(side).click();
      await suite.page.getByRole("option", { name: new RegExp(`^${name} · `) }).click();
    }
    const change = suite.page.getByTestId("compare-result").locator(`[data-testid="review-change"][data-name="${drift.profileName}"]`);
    await change.waitFor({ timeout: 30_000 });
    await expect(suite.page.getByTestId("compare-result").getByTestId("review-change").count()).resolves.toBe(1);
    await expect(change.getAttribute("data-kind")).resolves.toBe("changed");
    const setting = change.getByTestId("review-setting-change");
    await expect(setting.count()).resolves.toBe(1);
    await expect(setting.getAttribute("data-path")).resolves.toBe(drift.property);
    await expect(setting.locator("td").allTextContents()).resolves.toEqual([
      drift.property,
      String(drift.valueInBackup),
      String(!drift.valueInBackup),
    ]);

    // A type the coverage work added opens its history like any other: Northwind's terms and conditions.
    const db = createDb(suite.stack.databaseUrl);
    const terms = await db.backupItem
      .findFirstOrThrow({ where: { objectType: "termsAndConditions", backupSet: { name: "After drift" } } })
      .finally(() => db.$disconnect());
    await suite.page.goto(`${suite.stack.baseUrl}/backups`);
    await (await waitForFinishedBackup("After drift")).getByTestId("backup-link").click();
    await suite.page.getByTestId("backup-item-search").fill(terms.displayName);
    const termsItem = suite.page.getByTestId(`backup-item-${terms.displayName}`);
    await termsItem.waitFor();
    await termsItem.getByTestId("item-history").click();
    await suite.page.getByTestId("policy-history").waitFor();
    await expect(suite.page.getByTestId("policy-history").innerText()).resolves.toContain("Terms and conditions");
    await expect.poll(() => suite.page.locator('[data-testid^="version-row-"]').count(), { timeout: 15_000 }).toBe(1);
  }, 240_000);
});
