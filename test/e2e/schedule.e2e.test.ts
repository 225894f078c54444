import pg from "pg";
import { describe, expect, it } from "vitest";
import { signIn, useBrowserStack } from "../kit/browser.ts";

const suite = useBrowserStack();

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: suite.stack.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe("the backup schedule dialog", () => {
  it("refuses keep-the-last-0 instead of saving 1, and asks to confirm a rule that deletes backups, with their number", async () => {
    await signIn(suite.page, suite.stack.baseUrl, "owner@demo.test");
    await suite.page.getByTestId("backups-Northwind").click();
    await suite.page.waitForURL(/\/backups$/);
    await suite.page.getByTestId("schedule-edit").click();

    // "Keep the last 0" reaches the server as 0 and is refused there, with the field named.
    await suite.page.getByTestId("schedule-keep-last").fill("0");
    await suite.page.getByTestId("schedule-save").click();
    await suite.page.getByTestId("schedule-error").waitFor();
    await expect(suite.page.getByTestId("schedule-keep-last").inputValue()).resolves.toBe("0");
    const [northwind] = await sql<{ id: string; workspace_id: string }>(
      "select id, workspace_id from managed_environments where name = 'Northwind'",
    );
    expect(await sql("select 1 from backup_schedules where managed_environment_id = $1", [northwind!.id])).toEqual([]);

    // Two older backups of the schedule: keeping the last 1 deletes one of them, and the dialog says so first.
    for (const daysAgo of [2, 3]) {
      await sql(
        `insert into backup_sets (workspace_id, managed_environment_id, name, trigger, status, created_at)
         values ($1, $2, $3, 'schedule', 'completed', now() - make_interval(days => $4))`,
        [northwind!.workspace_id, northwind!.id, `Scheduled ${daysAgo} days ago`, daysAgo],
      );
    }
    await suite.page.getByTestId("schedule-keep-last").fill("1");
    await suite.page.getByTestId("schedule-save").click();
    const confirm = suite.page.getByTestId("schedule-confirm-removal");
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain("Scheduled 3 days ago");
    await expect(suite.page.getByTestId("schedule-save").getAttribute("data-confirming")).resolves.toBe("true");
    await expect(suite.page.getByTestId("schedule-save").textContent()).resolves.toContain("1");
    expect(await sql("select 1 from backup_schedules where managed_environment_id = $1", [northwind!.id])).toEqual([]);

    // Confirming saves exactly that rule.
    await suite.page.getByTestId("schedule-save").click();
    await suite.page.getByTestId("schedule-form").waitFor({ state: "detached" });
    const [saved] = await sql<{ retention_keep_last: number; retention_includes_manual: boolean }>(
      "select retention_keep_last, retention_includes_manual from backup_schedules where managed_environment_id = $1",
      [northwind!.id],
    );
    expect(saved).toEqual({ retention_keep_last: 1, retention_includes_manual: false });
  });
});
