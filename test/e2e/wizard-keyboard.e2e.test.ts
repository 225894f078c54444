import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { signIn, useBrowserStack } from "../kit/browser.ts";
import { syncedAndBackedUp } from "../kit/synced-environment.ts";

const suite = useBrowserStack();
let disconnect: (() => Promise<void>) | undefined;
afterAll(async () => {
  await disconnect?.();
});

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

/** What draws a focus indicator on an element and the two that wrap it (a hidden input's label). */
function focusLook(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const probe = document.querySelector("[data-keyboard-probe]");
    const chain = [probe, probe?.parentElement, probe?.parentElement?.parentElement];
    // Read the settled look: a focus ring may fade in through a CSS transition.
    await Promise.all(chain.flatMap((element) => element?.getAnimations().map((animation) => animation.finished) ?? []));
    return JSON.stringify(
      chain.map((element) => {
        if (!element) return null;
        const style = getComputedStyle(element);
        return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow, style.borderColor, style.backgroundColor];
      }),
    );
  });
}

/**
 * Presses Tab until the control with this test id (or a control inside it) has the focus, then
 * checks that the focus can be seen: the control looks different focused than when the focus is one
 * Tab before it (outline, focus shadow, border or background).
 */
async function tabTo(page: Page, testId: string) {
  // Tab skips a disabled control (the create button waits for the source set to load).
  await page.locator(`[data-testid="${testId}"]:not([disabled])`).first().waitFor({ timeout: 60_000 });
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press("Tab");
    const reached = await page.evaluate((id) => {
      const active = document.activeElement as HTMLElement | null;
      const target = document.querySelector(`[data-testid="${id}"]`);
      // The body holds the focus when Tab has left the last control (a disabled button is skipped):
      // it contains every control, so it never counts as having reached one.
      if (!active || active === document.body || !target) return false;
      if (!(active === target || target.contains(active) || active.contains(target))) return false;
      document.querySelector("[data-keyboard-probe]")?.removeAttribute("data-keyboard-probe");
      active.setAttribute("data-keyboard-probe", "");
      return true;
    }, testId);
    if (!reached) continue;
    const focused = await focusLook(page);
    await page.keyboard.press("Shift+Tab");
    const unfocused = await focusLook(page);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.hasAttribute("data-keyboard-probe"))).resolves.toBe(true);
    if (focused === unfocused) throw new Error(`${testId} has the keyboard focus, but nothing shows it: ${focused}`);
    return;
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe("the restore wizard by keyboard alone", () => {
  // A sync, a backup and every step of the wizard: over 60 s with the load average at 20.
  it("plans, previews and confirms a dry run of Northwind without the mouse, with the focus visible at every control", async () => {
    const seeded = await syncedAndBackedUp(suite.stack.databaseUrl, "Northwind");
    disconnect = () => seeded.db.$disconnect();
    const page = suite.page;
    await signIn(page, suite.stack.baseUrl, "owner@demo.test");
    await page.goto(`${suite.stack.baseUrl}/restore/new?backupSet=${encodeURIComponent(globalId("BackupSet", seeded.backupSetId))}`);
    await page.getByTestId("restore-step-source").waitFor();

    // (1) Source: choose the target by typing its name; dry run stays on.
    await tabTo(page, "restore-target");
    await page.keyboard.type("Northwind");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("restore-target").inputValue()).resolves.toBe("Northwind");
    await expect(page.getByTestId("restore-dry-run").isChecked()).resolves.toBe(true);
    await tabTo(page, "restore-create");
    await page.keyboard.press("Enter");
    await page.waitForURL(/[?&]run=/);

    // (2) Scope: everything, then the preview-only items out in one go.
    await page.getByTestId("restore-select-all").waitFor();
    await tabTo(page, "restore-select-all");
    await page.keyboard.press("Space");
    await expect(page.getByTestId("restore-select-all").isChecked()).resolves.toBe(true);
    await tabTo(page, "restore-remove-preview-only");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("restore-preview-only-selected").count()).resolves.toBe(0);
    await tabTo(page, "restore-preview");
    await page.keyboard.press("Enter");

    // (3) Checks, (4) preview: each step's next button is reachable and works from the keyboard.
    await page.getByTestId("restore-checks-next").waitFor({ timeout: 120_000 });
    await tabTo(page, "restore-checks-next");
    await page.keyboard.press("Enter");
    await page.getByTestId("restore-preview-row").first().waitFor();
    await tabTo(page, "restore-preview-next");
    await page.keyboard.press("Enter");

    // (5) Confirm: acknowledge, type the target's name, confirm.
    await page.getByTestId("restore-acknowledge").waitFor();
    await tabTo(page, "restore-acknowledge");
    await page.keyboard.press("Space");
    await tabTo(page, "restore-typed-name");
    await page.keyboard.type("Northwind");
    await tabTo(page, "restore-confirm");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/restores\/[^/?]+$/, { timeout: 60_000 });
    await page.getByTestId("restore-detail").waitFor();
  }, 300_000);
});
