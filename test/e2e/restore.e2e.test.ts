import { describe, expect, it } from "vitest";
import { northwindDriftTarget, signIn as signInAs, useBrowserStack } from "../kit/browser.ts";
import { replaceClientSecret } from "../kit/stack.ts";

const drift = northwindDriftTarget();
const suite = useBrowserStack();

async function signInAsOwner() {
  await signInAs(suite.page, suite.stack.baseUrl, "owner@demo.test");
}

/** Backs up Northwind from the Environments page and opens the finished backup set. */
async function backUpAndOpenNorthwind(name: string) {
  await suite.page.getByTestId("backup-now-Northwind").click();
  await suite.page.getByTestId("backup-name").fill(name);
  await suite.page.getByTestId("backup-start").click();
  await suite.page.getByTestId("backup-started-run-link").first().waitFor();
  await suite.page.getByTestId("backups-Northwind").click();
  await suite.page.waitForURL(/\/backups$/);
  const row = suite.page.locator('[data-testid^="backup-row-"]', { has: suite.page.getByTestId("backup-link").filter({ hasText: name }) });
  await row.locator('[data-testid="backup-completeness"]:not([data-state="capturing"])').waitFor({ timeout: 90_000 });
  await row.getByTestId("backup-link").click();
  await suite.page.waitForURL(/\/backups\/[^/]+$/);
  await suite.page.getByTestId("backup-completeness-section").waitFor();
}

describe("restore in the browser", () => {
  it("walks the wizard from source to a finished live restore of Northwind, then shows its proof", async () => {
    await signInAsOwner();
    await backUpAndOpenNorthwind("Before restore");
    // After the backup, an admin changes one setting in the portal: the restore puts it back.
    suite.stack.sim.mutate(drift.tenantId, "deviceConfigurations", drift.profileId, { [drift.property]: !drift.valueInBackup });

    // (1) Source: the backup is preselected; target Northwind (the same tenant), dry run off.
    await suite.page.getByTestId("backup-restore").click();
    await suite.page.waitForURL(/\/restore\/new\?backupSet=/);
    await suite.page.getByTestId("restore-step-source").waitFor();
    await suite.page.getByTestId("restore-target").click();
    await suite.page.getByRole("option", { name: "Northwind", exact: true }).click();
    const dryRun = suite.page.getByTestId("restore-dry-run");
    await expect(dryRun.isChecked()).resolves.toBe(true);
    // The switch's input is visually hidden: toggle it through its label.
    await suite.page.locator('label:has([data-testid="restore-dry-run"])').click();
    await expect(dryRun.isChecked()).resolves.toBe(false);
    await suite.page.getByTestId("restore-create").click();
    await suite.page.waitForURL(/[?&]run=/);
    await expect(suite.page.getByTestId("restore-frozen-target").first().textContent()).resolves.toContain("Northwind");

    // (2) Scope: select all, then leave out the preview-only types (they would block the restore).
    await suite.page.getByTestId("restore-select-all").check();
    const previewOnly = suite.page.locator('[data-testid^="restore-item-"][data-preview-only="true"]');
    expect(await previewOnly.count()).toBeGreaterThan(0);
    await suite.page.getByTestId("restore-preview-only-selected").waitFor();
    for (const checkbox of await previewOnly.all()) await checkbox.uncheck();
    await expect(suite.page.getByTestId("restore-preview-only-selected").count()).resolves.toBe(0);
    await suite.page.getByTestId("restore-preview").click();

    // (3) Checks, from the restore.preview run: the same-tenant warning, no blocker.
    const sameTenant = suite.page.locator('[data-testid="restore-check"][data-code="SAME_TENANT"]');
    await sameTenant.waitFor({ timeout: 90_000 });
    await expect(sameTenant.getAttribute("data-severity")).resolves.toBe("WARNING");
    await expect(suite.page.locator('[data-testid="restore-check"][data-severity="BLOCKER"]').count()).resolves.toBe(0);
    await suite.page.getByTestId("restore-checks-next").click();

    // (4) Preview: one row per scoped item, each with a planned action; the drifted profile is an
    // update whose diff puts the drifted setting back (target now -> backup).
    const rows = suite.page.getByTestId("restore-preview-row");
    await rows.first().waitFor();
    const actions = await rows.evaluateAll((elements) =>
      elements.map((element) => [element.getAttribute("data-action"), element.getAttribute("data-name")] as const),
    );
    expect(actions.length).toBeGreaterThan(0);
    // Skipped are only what a restore never writes: Microsoft's global apps, line-of-business apps
    // and Microsoft's built-in Intune roles (Help Desk Operator).
    const neverWritten = new Set(["Microsoft Outlook", "Microsoft Edge", "7-Zip 23.01 (x64)", "Help Desk Operator"]);
    for (const [action, name] of actions) {
      if (action === "SKIP") expect(neverWritten, `${name} skipped`).toContain(name);
      else expect(["CREATE", "UPDATE", "NO_CHANGE"]).toContain(action);
    }
    const drifted = suite.page.locator(`[data-testid="restore-preview-row"][data-name="${drift.profileName}"]`);
    await expect(drifted.getAttribute("data-action")).resolves.toBe("UPDATE");
    await drifted.getByTestId("restore-preview-toggle").click();
    const diffRow = suite.page.locator(`[data-testid="restore-preview-diff"] [data-testid="diff-row"][data-path="${drift.property}"]`);
    await diffRow.waitFor();
    await expect(diffRow.getAttribute("data-kind")).resolves.toBe("CHANGED");
    await expect(diffRow.getByTestId("diff-before").textContent()).resolves.toBe(String(!drift.valueInBackup));
    await expect(diffRow.getByTestId("diff-after").textContent()).resolves.toBe(String(drift.valueInBackup));
    // Noise-free: the drifted setting is the only difference (assignments match by target).
    await expect(suite.page.locator('[data-testid="restore-preview-diff"] [data-testid="diff-row"]').count()).resolves.toBe(1);
    await suite.page.getByTestId("restore-preview-next").click();

    // (5) Confirm: acknowledge and type the frozen target name exactly.
    const confirm = suite.page.getByTestId("restore-confirm");
    await suite.page.getByTestId("restore-acknowledge").check();
    await suite.page.getByTestId("restore-typed-name").fill("Northwin");
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await suite.page.getByTestId("restore-typed-name").fill("Northwind");
    await expect(confirm.isEnabled()).resolves.toBe(true);
    await confirm.click();

    // The detail page: result attention first, final once the execution and its proof are done.
    await suite.page.waitForURL(/\/restores\/[^/?]+$/);
    const attention = suite.page.locator('[data-testid="restore-attention"][data-stage="final"]');
    await attention.waitFor({ timeout: 120_000 });
    // The same-tenant restore is proven: every object (the drifted one too) reads back equal to the backup.
    await expect.poll(() => suite.page.getByTestId("restore-attention").getAttribute("data-state"), { timeout: 60_000 }).toBe("COMPLETED");
    await expect(suite.page.getByTestId("restore-claim-boundary").getAttribute("data-proven")).resolves.toBe("true");

    // Per-item outcomes: every scoped item, none failed.
    const outcomes = await suite.page
      .getByTestId("restore-item-row")
      .evaluateAll((elements) => elements.map((element) => element.getAttribute("data-outcome")));
    expect(outcomes.length).toBe(actions.length);
    expect(outcomes).not.toContain("FAILED");
    expect(outcomes).not.toContain("PENDING");

    // The proof panel: the adapter's decision, no proof gaps, and the verification evidence.
    const proof = suite.page.getByTestId("restore-proof");
    await expect(proof.getByTestId("reconciliation-decision").getAttribute("data-decision")).resolves.toBe("RECONCILED");
    await expect(proof.getByTestId("restore-proof-gap").count()).resolves.toBe(0);
    await expect(proof.getByTestId("restore-evidence").getAttribute("data-completeness")).resolves.toBe("complete");
    const matches = await proof
      .getByTestId("restore-evidence-item")
      .evaluateAll((elements) => elements.map((element) => element.getAttribute("data-match")));
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((match) => match === "true")).toBe(true);

    // When it ran and how long, and its status history as the one status writer recorded it.
    await expect(suite.page.getByTestId("restore-duration").getByTestId("run-duration").getAttribute("data-ms")).resolves.toMatch(/^\d+$/);
    const history = suite.page.getByTestId("restore-history-event");
    await expect
      .poll(
        () =>
          history.evaluateAll((events) => events.map((event) => `${event.getAttribute("data-from")}->${event.getAttribute("data-to")}`)),
        {
          timeout: 30_000,
        },
      )
      .toEqual(expect.arrayContaining(["DRAFT->SCOPED", "PREVIEWED->QUEUED", "QUEUED->RUNNING", "RUNNING->COMPLETED"]));

    // From the restore to its execution run and back: the run names the restore it belongs to.
    const restoreUrl = suite.page.url();
    await expect(suite.page.getByTestId("restore-operation-run-link").getAttribute("href")).resolves.toBe(
      await proof.getByTestId("restore-run-link").getAttribute("href"),
    );
    await proof.getByTestId("restore-run-link").click();
    await suite.page.waitForURL(/\/runs\/[^/?]+$/);
    await suite.page.getByTestId("run-restore-link").click();
    await suite.page.waitForURL(restoreUrl);
    await suite.page.getByTestId("restore-detail").waitFor();
    // The notification of the finished restore opens the restore run as well.
    await suite.page.goto(`${suite.stack.baseUrl}/operations`);
    await suite.page.getByTestId("notification-bell").click();
    await suite.page.locator('[data-testid="notification-item"][data-operation-type="restore.execute"]').first().click();
    await suite.page.waitForURL(restoreUrl);

    // An auditor (readonly) reads the restore and its proof.
    // Leave the app first, so its live updates cannot redirect while the session changes.
    await suite.page.goto("about:blank");
    await suite.page.context().clearCookies();
    await signInAs(suite.page, suite.stack.baseUrl, "readonly@demo.test");
    await suite.page.goto(restoreUrl);
    const readonlyProof = suite.page.getByTestId("restore-proof");
    await expect(readonlyProof.getByTestId("reconciliation-decision").getAttribute("data-decision")).resolves.toBe("RECONCILED");
    await expect(suite.page.getByTestId("restore-attention").getAttribute("data-state")).resolves.toBe("COMPLETED");
    await suite.page.getByTestId("restore-history-event").first().waitFor();
    // An auditor changes nothing: no cancel, re-check or planning control on the restore or its run.
    for (const control of ["restore-cancel", "restore-primary-action"]) {
      await expect(suite.page.getByTestId(control).count()).resolves.toBe(0);
    }
    await suite.page.getByTestId("restore-run-link").click();
    await suite.page.waitForURL(/\/runs\/[^/?]+$/);
    await suite.page.getByTestId("run-restore-link").waitFor();
    for (const control of ["run-cancel", "run-recheck"]) {
      await expect(suite.page.getByTestId(control).count()).resolves.toBe(0);
    }
  }, 420_000);

  it("says in words why a run was blocked and what to do next, in English and German", async () => {
    const page = suite.page;
    await page.goto("about:blank");
    await page.context().clearCookies();
    await signInAsOwner();
    // Fabrikam's stored client secret is no longer the one its tenant accepts.
    const restoreSecret = await replaceClientSecret(suite.stack, "Fabrikam", "a-secret-the-tenant-refuses");
    try {
      await page.getByTestId("sync-Fabrikam").click();
      await page.getByTestId("sync-run-link").first().click();
      await page.waitForURL(/\/runs\/[^/?]+$/);
      const reason = page.locator('[data-testid="run-failure"][data-reason="PROVIDER_CREDENTIALS_REFUSED"]');
      await reason.waitFor({ timeout: 90_000 });
      await expect(page.getByTestId("run-outcome").first().getAttribute("data-outcome")).resolves.toBe("BLOCKED");
      await expect(reason.getByTestId("run-failure-what").textContent()).resolves.toContain("refused the environment's credentials");
      await expect(reason.getByTestId("run-failure-next").textContent()).resolves.toContain("Renew the client secret");
      // The same page in German: the user's language choice is kept across a reload.
      await page.evaluate(() => window.localStorage.setItem("atlas.language", "de"));
      await page.reload();
      await expect(reason.getByTestId("run-failure-what").textContent({ timeout: 30_000 })).resolves.toContain(
        "Anmeldedaten der Umgebung abgelehnt",
      );
      await expect(reason.getByTestId("run-failure-next").textContent()).resolves.toContain("Erneuern Sie den geheimen Clientschlüssel");
      await page.evaluate(() => window.localStorage.setItem("atlas.language", "en"));
    } finally {
      await restoreSecret();
    }
  }, 180_000);
});
