import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEMO_TENANTS } from "@atlas/graph-sim";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "../kit/stack.ts";

// Without the background-networking flags Chromium floods the closed network with refused connections.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

// Properties the normalization strips or the server owns: flipping them would not be drift.
const NOT_SETTINGS = new Set(["supportsScopeTags", "isAssigned"]);

const northwind = DEMO_TENANTS.find((tenant) => tenant.name === "Northwind");
if (!northwind) throw new Error("The demo tenants must include Northwind");
const profile = northwind.objects.deviceConfigurations?.[0] as Record<string, unknown> | undefined;
if (!profile) throw new Error("Northwind must hold one deviceConfigurations object");
const profileName = String(profile.displayName);
const driftedProperty = Object.keys(profile).find((key) => typeof profile[key] === "boolean" && !NOT_SETTINGS.has(key));
if (!driftedProperty) throw new Error(`${profileName} has no boolean setting to drift`);
const valueBefore = profile[driftedProperty] as boolean;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The API serves the built SPA; build it once if this checkout has no bundle yet.
  if (!existsSync(`${repoRoot}apps/web/dist/index.html`)) {
    execFileSync("pnpm", ["--filter", "@atlas/web", "build"], { cwd: repoRoot, stdio: "inherit" });
  }
  stack = await startTestStack();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const context = await browser.newContext({ locale: "en-US" });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signIn() {
  await page.goto(`${stack.baseUrl}/environments`);
  await page.waitForURL(/\/login/);
  await page.getByTestId("login-email").fill("operator@demo.test");
  await page.getByTestId("login-password").fill("demo-password");
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/environments$/);
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
