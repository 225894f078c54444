import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { assignBaseline, createBaselineFromBackup, deployBaseline, loadUserActor } from "@atlas/core";
import { createDb } from "@atlas/db";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { signIn, useBrowserStack } from "../kit/browser.ts";
import { eventually } from "../kit/eventually.ts";
import { backupOf, restoreThroughWizard } from "../kit/restore-fixture.ts";
import { startSync, waitForCompletion } from "../kit/sync-fixture.ts";

// Evaluated rather than added as a script tag: the app's Content-Security-Policy refuses inline scripts.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const suite = useBrowserStack();
let db: ReturnType<typeof createDb> | undefined;
afterAll(async () => {
  await db?.$disconnect();
});

// One unbroken 150-character name: before, such a name widened the backups page past the window.
const LONG_NAME = `Before-the-quarterly-baseline-rollout-${"x".repeat(112)}`;

const viewports = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

/** Paths of the main pages and the element each shows once loaded. */
interface MainPage {
  name: string;
  path: string;
  ready: string;
}

/** A synced and backed-up Northwind, the long-named backup, a dry-run restore of it and a long-named baseline of it assigned to Northwind and dry-run deployed there. */
async function seedMainPages(): Promise<MainPage[]> {
  db = createDb(suite.stack.databaseUrl);
  const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  const actor = await loadUserActor(db, owner.id);
  if (!actor) throw new Error("owner@demo.test has no actor");
  const northwind = await db.managedEnvironment.findFirstOrThrow({ where: { name: "Northwind" } });
  const sync = await startSync(db, actor, northwind.workspaceId, northwind.id);
  await waitForCompletion(db, sync.run.id, 90_000);
  const backupSetId = await backupOf(db, actor, northwind.id);
  await db.backupSet.update({ where: { id: backupSetId }, data: { name: LONG_NAME } });
  const { restoreRun } = await restoreThroughWizard(db, actor, {
    backupSetId,
    environmentId: northwind.id,
    objectTypes: ["deviceConfigurations", "roleScopeTags"],
    dryRun: true,
  });
  const baseline = await createBaselineFromBackup(db, actor, { backupSetId, name: LONG_NAME });
  await assignBaseline(db, actor, { baselineId: baseline.id, environmentIds: [northwind.id] });
  const deployment = await deployBaseline(db, actor, { baselineId: baseline.id, environmentIds: [northwind.id], dryRun: true });
  const globalId = (type: string, id: string) => encodeURIComponent(Buffer.from(`${type}:${id}`).toString("base64"));
  return [
    { name: "dashboard", path: "/dashboard", ready: "dashboard-last-sync" },
    { name: "operations", path: "/operations", ready: "runs-table" },
    { name: "run", path: `/runs/${globalId("OperationRun", sync.run.id)}`, ready: "run-timeline" },
    { name: "backups", path: "/backups", ready: "backups-table" },
    { name: "backup", path: `/backups/${globalId("BackupSet", backupSetId)}`, ready: "backup-completeness-section" },
    { name: "inventory", path: "/inventory", ready: "policy-table" },
    { name: "restore wizard", path: `/restore/new?backupSet=${globalId("BackupSet", backupSetId)}`, ready: "restore-wizard" },
    { name: "restore detail", path: `/restores/${globalId("RestoreRun", restoreRun.id)}`, ready: "restore-detail" },
    { name: "baselines", path: "/baselines", ready: "baselines-table" },
    { name: "baseline", path: `/baselines/${globalId("Baseline", baseline.id)}`, ready: "baseline-items" },
    { name: "deployment", path: `/deployments/${globalId("BaselineDeployment", deployment.id)}`, ready: "deployment-targets" },
    { name: "fleet", path: "/fleet", ready: "fleet-table" },
    { name: "findings", path: `/fleet/environments/${globalId("ManagedEnvironment", northwind.id)}`, ready: "findings-title" },
  ];
}

/** The page's width against the window's, and the first element that reaches past the window. */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprit: string }> {
  return page.evaluate(`(() => {
    const culprit = [...document.querySelectorAll("body *")].find((element) => element.getBoundingClientRect().right > window.innerWidth + 1);
    const name = culprit ? culprit.tagName.toLowerCase() + (culprit.getAttribute("data-testid") ? "[" + culprit.getAttribute("data-testid") + "]" : "." + String(culprit.className).split(" ")[0]) : "";
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprit: name };
  })()`);
}

/** Whether the element is visible and lies horizontally inside the window. */
async function reachable(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).first().boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  return Boolean(box && box.width > 0 && box.x >= 0 && box.x + box.width <= width);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the current page, as "rule: first target". */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.length} × ${violation.nodes[0]?.target.join(" ")}`);
}

describe("main pages at phone and desktop width", () => {
  it("fit the window, keep the header controls reachable and pass axe-core without serious violations", async () => {
    const pages = await seedMainPages();
    const page = suite.page;
    await signIn(page, suite.stack.baseUrl, "owner@demo.test");
    // Northwind is the environment the inventory and wizard pages show.
    await page.getByTestId("environment-switcher").click();
    await page.getByRole("option", { name: "Northwind", exact: true }).click();

    const findings: string[] = [];
    for (const viewport of viewports) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      for (const main of pages) {
        await page.goto(`${suite.stack.baseUrl}${main.path}`);
        await page.getByTestId(main.ready).first().waitFor({ timeout: 30_000 });
        const where = `${main.name} at ${viewport.width}px`;
        const { scrollWidth, innerWidth, culprit } = await overflow(page);
        if (scrollWidth > innerWidth) findings.push(`${where}: ${scrollWidth}px wide in a ${innerWidth}px window (${culprit})`);
        for (const violation of await seriousViolations(page)) findings.push(`${where}: ${violation}`);
      }

      // Header controls: in the header on desktop, behind the menu on a phone (which slides in).
      if (viewport.name === "phone") await page.getByTestId("nav-menu").click();
      for (const control of ["workspace-switcher", "environment-switcher", "language-switch", "notification-bell", "sign-out"]) {
        const shown = await eventually(() => reachable(page, control), { timeout: 5_000, what: control }).catch(() => false);
        if (!shown) findings.push(`${control} not reachable at ${viewport.width}px`);
      }
      if (viewport.name === "phone") await page.getByTestId("nav-menu").click();
    }
    expect(findings).toEqual([]);
  }, 300_000);
});
