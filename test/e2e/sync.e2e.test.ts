import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS } from "../kit/browser.ts";
import { startTestStack } from "../kit/stack.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Records, from the first paint of every document, each status a run's badge shows and whether its
 * progress bar appeared. Polling with locators could miss a short RUNNING phase; a MutationObserver
 * sees every render. Kept as a string because test code is compiled without DOM types.
 */
const OBSERVE_RUN_BADGES = `
  window.__atlasSeen = {};
  const record = () => {
    for (const badge of document.querySelectorAll('[data-testid="run-status"]')) {
      const row = badge.closest('[data-testid^="run-row-"]');
      const detail = badge.closest('[data-run-id]');
      const id = row ? row.dataset.testid.slice('run-row-'.length) : detail ? detail.dataset.runId : null;
      if (!id) continue;
      const seen = (window.__atlasSeen[id] ??= { statuses: [], progress: false });
      const status = badge.dataset.status;
      if (seen.statuses[seen.statuses.length - 1] !== status) seen.statuses.push(status);
      if ((row ?? detail).querySelector('[data-testid="run-progress"]')) seen.progress = true;
    }
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
`;

interface RunObservation {
  statuses: string[];
  progress: boolean;
}

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let monitor: Page;
let operator: Page;

beforeAll(async () => {
  // The API serves the built SPA; build it once if this checkout has no bundle yet.
  if (!existsSync(`${repoRoot}apps/web/dist/index.html`)) {
    execFileSync("pnpm", ["--filter", "@atlas/web", "build"], { cwd: repoRoot, stdio: "inherit" });
  }
  stack = await startTestStack();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  // One browser context = one cookie jar: both tabs share the session after one sign-in.
  const context = await browser.newContext({ locale: "en-US" });
  await context.addInitScript({ content: OBSERVE_RUN_BADGES });
  operator = await context.newPage();
  monitor = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signIn(page: Page) {
  // Any protected route sends an anonymous visitor to /login and back afterwards.
  await page.goto(`${stack.baseUrl}/environments`);
  await page.waitForURL(/\/login/);
  await expect(page.getByTestId("login-demo-hint").textContent()).resolves.toContain("operator@demo.test");
  await page.getByTestId("login-email").fill("operator@demo.test");
  await page.getByTestId("login-password").fill("demo-password");
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/environments$/);
}

describe("inventory sync in the browser", () => {
  it("signs in, syncs Fabrikam live to COMPLETED and shows the run RECONCILED", async () => {
    await signIn(operator);

    // The monitor opens BEFORE the run exists, so the run can only reach it through the live
    // subscription; a marker on window proves the tab is never reloaded.
    await monitor.goto(`${stack.baseUrl}/operations`);
    await monitor.getByTestId("run-filters").waitFor();
    await monitor.evaluate("window.__noReload = true");

    await operator.getByTestId("sync-Fabrikam").click();
    const runLink = operator.getByTestId("sync-run-link");
    await runLink.waitFor();
    const href = (await runLink.getAttribute("href")) ?? "";
    const runId = decodeURIComponent(href.replace(/^\/runs\//, ""));
    expect(runId).not.toBe("");

    const row = monitor.getByTestId(`run-row-${runId}`);
    await row.waitFor({ timeout: 30_000 });
    await row.locator('[data-testid="run-status"][data-status="COMPLETED"]').waitFor({ timeout: 90_000 });
    await expect(row.getByTestId("run-outcome").getAttribute("data-outcome")).resolves.toBe("SUCCEEDED");
    expect(await monitor.evaluate("window.__noReload")).toBe(true);

    const seen = (await monitor.evaluate(`window.__atlasSeen[${JSON.stringify(runId)}]`)) as RunObservation | undefined;
    // The row went through the run's life in place, with its progress bar while RUNNING (the
    // simulated sync takes seconds at the stack's time scale, so RUNNING is always rendered).
    expect(seen?.statuses.at(-1)).toBe("COMPLETED");
    expect(seen?.statuses).toContain("RUNNING");
    expect(seen?.progress).toBe(true);

    // Open the run from the live row: client-side navigation, still no reload.
    await row.getByTestId("run-link").click();
    await monitor.waitForURL(new RegExp(`/runs/${encodeURIComponent(runId)}$`));
    // Reconciliation may land a moment after completion; the detail view updates live.
    await monitor.locator('[data-testid="reconciliation-decision"][data-decision="RECONCILED"]').waitFor({ timeout: 30_000 });
    await expect(monitor.getByTestId("run-status").getAttribute("data-status")).resolves.toBe("COMPLETED");
    expect(await monitor.evaluate("window.__noReload")).toBe(true);
  }, 180_000);
});
