import { loadUserActor } from "@atlas/core";
import { type Db, createDb } from "@atlas/db";
import { backupOf } from "./restore-fixture.ts";
import { startSync, waitForCompletion } from "./sync-fixture.ts";

/**
 * A demo environment of a running stack synced and backed up by the owner, for browser tests and
 * screenshots that need a tenant with records. The caller disconnects `db`.
 */
export async function syncedAndBackedUp(databaseUrl: string, environmentName: string) {
  const db: Db = createDb(databaseUrl);
  const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  const actor = await loadUserActor(db, owner.id);
  if (!actor) throw new Error("owner@demo.test has no actor");
  const environment = await db.managedEnvironment.findFirstOrThrow({ where: { name: environmentName } });
  const sync = await startSync(db, actor, environment.workspaceId, environment.id);
  await waitForCompletion(db, sync.run.id, 90_000);
  const backupSetId = await backupOf(db, actor, environment.id);
  return { db, actor, environment, syncRunId: sync.run.id, backupSetId };
}
