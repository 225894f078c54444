import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEMO_TENANTS } from "@atlas/graph-sim";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type TestStack, startTestStack } from "./stack.ts";

// Without the background-networking flags Chromium floods the closed network with refused connections.
export const CHROMIUM_ARGS = [
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

export interface BrowserStack {
  stack: TestStack;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The whole product plus real Chromium on one page; builds the SPA once if this checkout has none. */
export interface BrowserStackOptions {
  initScript?: string;
  /** The browser's time zone (the SPA shows times in it); the machine's when absent. */
  timezoneId?: string;
}

export async function openBrowserStack(options: BrowserStackOptions = {}): Promise<BrowserStack> {
  if (!existsSync(`${repoRoot}apps/web/dist/index.html`)) {
    execFileSync("pnpm", ["--filter", "@atlas/web", "build"], { cwd: repoRoot, stdio: "inherit" });
  }
  const stack = await startTestStack();
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const context = await browser.newContext({ locale: "en-US", timezoneId: options.timezoneId });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  return {
    stack,
    browser,
    page,
    async close() {
      await browser.close();
      await stack.close();
    },
  };
}

/** Signs in through the login form, landing on the environments page. */
export async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/environments`);
  await page.waitForURL(/\/login/);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill("demo-password");
  await page.getByTestId("login-submit").click();
  await page.waitForURL(/\/environments$/);
}

/** Opens an environment's "Back up now" popover on the Environments page, names the backup, starts it and returns its run id. */
export async function backUpEnvironment(page: Page, environmentName: string, backupName: string, previousRunId = ""): Promise<string> {
  await page.getByTestId(`backup-now-${environmentName}`).click();
  await page.getByTestId("backup-name").fill(backupName);
  await page.getByTestId("backup-start").click();
  // The toast links to the started run (not to the run of an earlier toast still showing).
  const toastLink = page.locator(`[data-testid="backup-started-run-link"]:not([data-run-id="${previousRunId}"])`);
  await toastLink.first().waitFor();
  return (await toastLink.first().getAttribute("data-run-id")) ?? "";
}

/** The backups list row of the set with this name, once its capture has finished. */
export async function waitForFinishedBackup(page: Page, backupName: string) {
  const row = page.locator('[data-testid^="backup-row-"]', { has: page.getByTestId("backup-link").filter({ hasText: backupName }) });
  await row.locator('[data-testid="backup-completeness"]:not([data-state="capturing"])').waitFor({ timeout: 90_000 });
  return row;
}

// Properties the normalization strips or the server owns: flipping them would not be drift.
const NOT_SETTINGS = new Set(["supportsScopeTags", "isAssigned"]);

/** Northwind's device configuration and one boolean setting of it to drift in the simulator. */
export function northwindDriftTarget() {
  const northwind = DEMO_TENANTS.find((tenant) => tenant.name === "Northwind");
  const profile = northwind?.objects.deviceConfigurations?.[0] as Record<string, unknown> | undefined;
  if (!northwind || !profile) throw new Error("The demo tenants must include Northwind with one deviceConfigurations object");
  const property = Object.keys(profile).find((key) => typeof profile[key] === "boolean" && !NOT_SETTINGS.has(key));
  if (!property) throw new Error(`${String(profile.displayName)} has no boolean setting to drift`);
  return {
    tenantId: northwind.tenantId,
    profileId: String(profile.id),
    profileName: String(profile.displayName),
    property,
    valueInBackup: profile[property] as boolean,
  };
}

/**
 * Opens the browser stack for a test file (before all its tests) and closes it after them; the
 * returned handle reads the stack and page once they exist.
 */
export function useBrowserStack(options: BrowserStackOptions = {}): { readonly stack: TestStack; readonly page: Page } {
  let opened: BrowserStack | undefined;
  beforeAll(async () => {
    opened = await openBrowserStack(options);
  }, 180_000);
  afterAll(async () => {
    await opened?.close();
  });
  const require = () => {
    if (!opened) throw new Error("The browser stack is not open yet (use it inside a test).");
    return opened;
  };
  return {
    get stack() {
      return require().stack;
    },
    get page() {
      return require().page;
    },
  };
}
