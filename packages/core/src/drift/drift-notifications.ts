import type { Db } from "@atlas/db";
import { ROLE_CAPABILITIES, ROLES } from "../access/capabilities.ts";
import type { NotificationKind } from "../codes.ts";

const KIND = "drift.new_findings" satisfies NotificationKind;

/** Roles that may act on drift (accept, revert, check): the people a new finding is for. */
const DRIFT_MANAGERS = ROLES.filter((role) => ROLE_CAPABILITIES[role].has("baseline.manage"));

/**
 * Tells every member who may manage baselines in the environment (their membership covers it) that
 * a drift check found drift no earlier check had recorded: findings this run created. One
 * notification per member and check: a retried job finds the ones already written and adds none;
 * a check that found nothing new writes nothing. Answers how many were written.
 */
export async function notifyNewDrift(
  db: Pick<Db, "driftFinding" | "membership" | "managedEnvironment" | "notification">,
  run: { id: string; workspaceId: string; managedEnvironmentId: string | null },
): Promise<number> {
  const environmentId = run.managedEnvironmentId;
  if (!environmentId) return 0;
  const count = await db.driftFinding.count({ where: { runId: run.id } });
  if (count === 0) return 0;
  const [members, already, environment] = await Promise.all([
    db.membership.findMany({
      where: {
        workspaceId: run.workspaceId,
        role: { in: DRIFT_MANAGERS },
        OR: [{ environmentIds: { isEmpty: true } }, { environmentIds: { has: environmentId } }],
      },
      select: { userId: true },
    }),
    db.notification.findMany({ where: { operationRunId: run.id, kind: KIND }, select: { userId: true } }),
    db.managedEnvironment.findUnique({ where: { id: environmentId }, select: { name: true } }),
  ]);
  const notified = new Set(already.map((notification) => notification.userId));
  const name = environment?.name ?? "";
  const recipients = members.filter((member) => !notified.has(member.userId));
  if (recipients.length === 0) return 0;
  const written = await db.notification.createMany({
    data: recipients.map((member) => ({
      userId: member.userId,
      workspaceId: run.workspaceId,
      kind: KIND,
      title: `New drift in ${name}`,
      body: `The drift check of ${name} found ${count} new difference${count === 1 ? "" : "s"} from its baselines.`,
      params: { environment: name, count },
      // The API links it to the environment's findings; the run is what it is about.
      link: "/fleet",
      operationRunId: run.id,
    })),
  });
  return written.count;
}
