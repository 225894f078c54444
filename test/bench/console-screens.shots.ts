/**
 * Screenshots of the console and time to first content on Operations:
 *   pnpm bench:screens          (needs apps/web/dist: pnpm --filter @atlas/web build)
 * Saves English and German, 1280x800 and 390x844 shots of the dashboard, operations, a run, a backup,
 * the restore wizard and a restore detail under ATLAS_SCREENSHOTS_DIR (default: tenantatlas-screenshots in the temp dir),
 * then loads Operations afresh five times and prints the median time from navigation start to the
 * first run row.
 */
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { it } from "vitest";
import { signIn, useBrowserStack } from "../kit/browser.ts";
import { restoreThroughWizard } from "../kit/restore-fixture.ts";
import { syncedAndBackedUp } from "../kit/synced-environment.ts";

// Outside the repository: screenshots are a record for a note, not a file to commit.
const outputDir = process.env.ATLAS_SCREENSHOTS_DIR ?? path.join(os.tmpdir(), "tenantatlas-screenshots");
const suite = useBrowserStack({ timezoneId: "Europe/Berlin" });
const globalId = (type: string, id: string) => encodeURIComponent(Buffer.from(`${type}:${id}`).toString("base64"));

// Records when the first run row is attached, from the document's navigation start.
const FIRST_ROW_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid^="run-row-"]')) { window.__firstRowAt = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, childList: true });
`;

it("takes the console's screenshots and measures Operations' time to first content", async () => {
  mkdirSync(outputDir, { recursive: true });
  const { db, actor, environment: northwind, syncRunId, backupSetId } = await syncedAndBackedUp(suite.stack.databaseUrl, "Northwind");
  await db.backupSchedule.create({
    data: { workspaceId: northwind.workspaceId, managedEnvironmentId: northwind.id, enabled: true, cronExpression: "0 2 * * 1-5" },
  });
  const { restoreRun } = await restoreThroughWizard(db, actor, {
    backupSetId,
    environmentId: northwind.id,
    objectTypes: ["deviceConfigurations", "roleScopeTags"],
    dryRun: true,
  });
  await db.$disconnect();

  const page = suite.page;
  await signIn(page, suite.stack.baseUrl, "owner@demo.test");
  await page.getByTestId("environment-switcher").click();
  await page.getByRole("option", { name: "Northwind", exact: true }).click();
  const shots = [
    { name: "dashboard", path: "/dashboard", ready: "dashboard-last-sync" },
    { name: "operations", path: "/operations", ready: "runs-table" },
    { name: "run", path: `/runs/${globalId("OperationRun", syncRunId)}`, ready: "run-timeline" },
    { name: "backup", path: `/backups/${globalId("BackupSet", backupSetId)}`, ready: "backup-completeness-section" },
    { name: "backups-schedule", path: "/backups", ready: "schedule-words" },
    { name: "wizard", path: `/restore/new?backupSet=${globalId("BackupSet", backupSetId)}`, ready: "restore-wizard" },
    { name: "restore-detail", path: `/restores/${globalId("RestoreRun", restoreRun.id)}`, ready: "restore-detail" },
  ];
  const saved: string[] = [];
  for (const language of ["en", "de"] as const) {
    await page.evaluate(`localStorage.setItem("atlas.language", "${language}")`);
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      for (const shot of shots) {
        await page.goto(`${suite.stack.baseUrl}${shot.path}`);
        await page.getByTestId(shot.ready).first().waitFor({ timeout: 30_000 });
        // Subscriptions keep a stream open (no network idle): wait until no loader spins instead.
        await page
          .waitForFunction("!document.querySelector('.mantine-Loader-root')", undefined, { timeout: 15_000 })
          .catch(() => undefined);
        const file = `${outputDir}/${shot.name}-${language}-${viewport.width}x${viewport.height}.png`;
        await page.screenshot({ path: file });
        saved.push(file);
      }
    }
  }
  console.log(`saved ${saved.length} screenshots:\n${saved.join("\n")}`);

  await page.evaluate(`localStorage.setItem("atlas.language", "en")`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript({ content: FIRST_ROW_PROBE });
  const times: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.goto(`${suite.stack.baseUrl}/operations`);
    await page.locator('[data-testid^="run-row-"]').first().waitFor();
    times.push(Number(await page.evaluate("window.__firstRowAt")));
  }
  times.sort((a, b) => a - b);
  console.log(
    `operations time to first content (navigation start to first run row), median of 5: ${Math.round(times[2] ?? 0)} ms [${times.map(Math.round).join(", ")}]`,
  );
});
