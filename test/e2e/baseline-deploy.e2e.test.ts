import { createUser, importBaseline, loadUserActor } from "@atlas/core";
import { createDb } from "@atlas/db";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { signIn, useBrowserStack } from "../kit/browser.ts";

// A baseline deployed live to two tenants from its page: the requester cannot approve their own
// request, a second owner can, and the deployment page follows every tenant to SUCCEEDED and proven.

const suite = useBrowserStack();
let db: ReturnType<typeof createDb> | undefined;
afterAll(async () => {
  await db?.$disconnect();
});

const globalId = (type: string, id: string) => encodeURIComponent(Buffer.from(`${type}:${id}`).toString("base64"));

/** The page's width against the window's: a page that fits never scrolls sideways. */
function widths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate("({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })");
}

/** The smallest file of a few folders of the OpenIntuneBaseline sample, read where it lies. */
function sampleFiles() {
  const all = jsonFilesBelow(openIntuneBaselineDir());
  return ["CompliancePolicies", "DeviceConfiguration", "SettingsCatalog"].map((folder) => {
    const file = all.filter((candidate) => candidate.folder === folder).sort((a, b) => a.bytes.length - b.bytes.length)[0]!;
    return { name: file.path, bytes: file.bytes };
  });
}

describe("deploying a baseline from the browser", () => {
  it("deploys live to Northwind and Contoso, refuses the requester's approval, and a second owner's approval ends every tenant succeeded and proven", async () => {
    const { page, stack } = suite;
    db = createDb(stack.databaseUrl);
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
    const ownerActor = (await loadUserActor(db, owner.id))!;
    const workspace = await db.workspace.findFirstOrThrow({ where: { slug: "demo" } });
    const baseline = await importBaseline(db, ownerActor, { workspaceId: workspace.id, name: "OIB deploy sample", files: sampleFiles() });
    const secondOwnerId = await createUser(db, { email: "second-owner@demo.test", displayName: "Second Owner", password: "demo-password" });
    await db.membership.create({ data: { userId: secondOwnerId, workspaceId: workspace.id, role: "owner" } });

    await signIn(page, stack.baseUrl, "owner@demo.test");
    await page.goto(`${stack.baseUrl}/baselines/${globalId("Baseline", baseline.id)}`);
    await page.getByTestId("baseline-detail").waitFor();
    await page.getByTestId("baseline-deployments-empty").waitFor();
    await page.getByTestId("deploy-environments").click();
    await page.getByRole("option", { name: "Northwind", exact: true }).click();
    await page.getByRole("option", { name: "Contoso", exact: true }).click();
    await page.keyboard.press("Escape");
    // A dry run unless switched off.
    const dryRun = page.getByRole("switch", { name: /Dry run/ });
    await expect(dryRun.isChecked()).resolves.toBe(true);
    await dryRun.uncheck();
    await expect(dryRun.isChecked()).resolves.toBe(false);
    await page.getByTestId("deploy-submit").click();
    await page.waitForURL(/\/deployments\/[^/]+$/);
    const deploymentUrl = page.url();

    // The page follows the previews live until the deployment waits for approval.
    const state = page.getByTestId("deployment-state");
    await expect.poll(() => state.getAttribute("data-state"), { timeout: 180_000 }).toBe("AWAITING_APPROVAL");
    await expect(page.getByTestId("deployment-mode").textContent()).resolves.toContain("Live");
    await expect(page.getByTestId("deployment-requested-by").textContent()).resolves.toContain("Olivia Owner");
    const targets = page.getByTestId("deployment-target");
    await expect(targets.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-environment")).sort())).resolves.toEqual([
      "Contoso",
      "Northwind",
    ]);
    for (const row of await targets.all()) {
      await expect(row.getAttribute("data-outcome")).resolves.toBe("PREVIEWED");
      const counts = await Promise.all(
        ["create", "update", "unchanged"].map(async (kind) =>
          Number(await row.getByTestId(`deployment-target-${kind}`).getAttribute("data-value")),
        ),
      );
      // Every object of the baseline is counted once: created, updated or left alone.
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(3);
    }

    // The requester's own approval of two environments is refused with the server's reason; nothing starts.
    await page.getByTestId("deployment-approve").click();
    const refusal = page.getByTestId("deployment-approve-error");
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain("a second person holding deployment.approve must approve it");
    await expect(state.getAttribute("data-state")).resolves.toBe("AWAITING_APPROVAL");
    await expect(page.getByTestId("deployment-approved-by").textContent()).resolves.toContain("Not approved yet");

    // Both sizes fit without sideways scrolling, the baseline page included.
    for (const size of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      for (const ready of ["deployment-targets"]) {
        await page.getByTestId(ready).waitFor();
        const { scrollWidth, innerWidth } = await widths(page);
        expect(scrollWidth, `deployment at ${size.width}`).toBeLessThanOrEqual(innerWidth);
      }
    }
    await page.goto(`${stack.baseUrl}/baselines/${globalId("Baseline", baseline.id)}`);
    await page.getByTestId("baseline-deployment").waitFor();
    const { scrollWidth, innerWidth } = await widths(page);
    expect(scrollWidth, "baseline at 390").toBeLessThanOrEqual(innerWidth);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(page.getByTestId("baseline-deployment").getAttribute("data-state")).resolves.toBe("AWAITING_APPROVAL");

    // A second owner approves from the link on the baseline's page; the tenants run and prove themselves.
    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/login/);
    await signIn(page, stack.baseUrl, "second-owner@demo.test");
    await page.goto(`${stack.baseUrl}/baselines/${globalId("Baseline", baseline.id)}`);
    await page.getByTestId("baseline-deployment-link").click();
    await page.waitForURL(deploymentUrl);
    await page.getByTestId("deployment-approve").click();
    await expect.poll(() => state.getAttribute("data-state"), { timeout: 240_000 }).toBe("SUCCEEDED");
    await expect.poll(() => page.getByTestId("deployment-proven").getAttribute("data-proven"), { timeout: 60_000 }).toBe("true");
    await expect(page.getByTestId("deployment-approved-by").textContent()).resolves.toContain("Second Owner");
    await expect(page.getByTestId("deployment-approve").count()).resolves.toBe(0);
    for (const row of await targets.all()) {
      await expect(row.getAttribute("data-outcome")).resolves.toBe("SUCCEEDED");
      await expect(row.getAttribute("data-proven")).resolves.toBe("true");
    }

    // The same page in German.
    await page.getByTestId("language-switch").getByText("Deutsch").click();
    await expect.poll(() => state.textContent()).toBe("Erfolgreich");
    await expect(page.getByTestId("deployment-approved-by").textContent()).resolves.toContain("Freigegeben von");
    await page.getByTestId("language-switch").getByText("English").click();
    await expect.poll(() => state.textContent()).toBe("Succeeded");

    // Each tenant links to its restore run.
    await targets
      .filter({ has: page.getByText("Northwind") })
      .getByTestId("deployment-target-restore")
      .click();
    await page.waitForURL(/\/restores\/[^/]+$/);
    await page.getByTestId("restore-detail").waitFor();
  }, 400_000);
});
