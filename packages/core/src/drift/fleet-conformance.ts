// The fleet view: one row per (environment, assigned baseline) with how far the environment
// conforms. Read in a fixed number of statements whatever the number of rows (assignments, the
// checks of every environment at once, the compared versions, grouped finding counts), so a fleet of
// hundreds of tenants costs what a fleet of one does.

import type { Baseline, Db, ManagedEnvironment, OperationRun, Prisma } from "@atlas/db";
import { type Actor, assertVisible, can, visibleEnvironmentIds } from "../access/actor.ts";
import { ForbiddenError } from "../errors.ts";
import { readRunContext } from "../operations/run-context.ts";
import type { DriftFindingKind } from "./record-findings.ts";

export interface FleetConformanceFilter {
  environmentIds?: readonly string[] | null;
  baselineIds?: readonly string[] | null;
  /** Only rows with open findings or objects still changed or missing. */
  onlyDrifted?: boolean | null;
}

/** How the environment's objects compare with the baseline version the last check compared. */
export interface ConformanceCounts {
  /** Objects of that baseline version. */
  items: number;
  equal: number;
  changed: number;
  missing: number;
  /** Objects the tenant has more than once by type and name: which one is meant is not guessed. */
  ambiguous: number;
}

export interface FleetConformanceRow {
  environment: ManagedEnvironment;
  baseline: Baseline;
  /** The baseline version the last check that recorded findings compared; null before such a check. */
  checkedVersion: { id: string; number: number; itemCount: number } | null;
  /** Null until a check has compared this baseline (e.g. just assigned). */
  counts: ConformanceCounts | null;
  /** Live objects of covered types no item of the baseline names (reported, not judged). */
  unmanaged: number;
  /** Findings still OPEN (any kind). */
  openFindings: number;
  /** The environment's newest finished drift check (any outcome): its time and proof. */
  lastCheck: OperationRun | null;
  /** The environment's drift check still queued or running. */
  activeCheck: OperationRun | null;
  drifted: boolean;
}

/**
 * Changed and missing count findings still active: open, or reverted while the restore has not yet
 * been confirmed by a check. An accepted finding counts as equal: the tenant's value is the
 * accepted state.
 */
const ACTIVE_STATES = ["OPEN", "REVERTED"];

type CheckRole = "last" | "compared" | "active";

/** Per environment: its newest finished check, newest check that recorded findings, and active check. */
async function checksByEnvironment(db: Db, workspaceId: string, environmentIds: string[]) {
  const picked = await db.$queryRaw<{ id: string; managed_environment_id: string; role: CheckRole }[]>`
    (select distinct on (managed_environment_id) id::text, managed_environment_id::text, 'last' as role
       from operation_runs
      where workspace_id = ${workspaceId}::uuid and type = 'drift.check' and status = 'completed'
        and managed_environment_id = any(${environmentIds}::uuid[])
      order by managed_environment_id, created_at desc, id desc)
    union all
    (select distinct on (managed_environment_id) id::text, managed_environment_id::text, 'compared' as role
       from operation_runs
      where workspace_id = ${workspaceId}::uuid and type = 'drift.check' and status = 'completed'
        and context->>'findingCount' is not null
        and managed_environment_id = any(${environmentIds}::uuid[])
      order by managed_environment_id, created_at desc, id desc)
    union all
    (select id::text, managed_environment_id::text, 'active' as role
       from operation_runs
      where workspace_id = ${workspaceId}::uuid and type = 'drift.check' and status in ('queued', 'running')
        and managed_environment_id = any(${environmentIds}::uuid[]))`;
  const ids = [...new Set(picked.map((row) => row.id))];
  const runs = ids.length === 0 ? [] : await db.operationRun.findMany({ where: { id: { in: ids } } });
  const byId = new Map(runs.map((run) => [run.id, run]));
  const checks = new Map<string, Partial<Record<CheckRole, OperationRun>>>();
  for (const row of picked) {
    const run = byId.get(row.id);
    if (!run) continue;
    checks.set(row.managed_environment_id, { ...checks.get(row.managed_environment_id), [row.role]: run });
  }
  return checks;
}

/** Finding counts per environment, baseline, kind and state, in one grouped statement. */
async function findingCounts(db: Db, workspaceId: string, environmentIds: string[], baselineIds: string[]) {
  const groups = await db.driftFinding.groupBy({
    by: ["managedEnvironmentId", "baselineId", "kind", "state"],
    where: {
      workspaceId,
      managedEnvironmentId: { in: environmentIds },
      baselineId: { in: baselineIds },
      state: { in: ACTIVE_STATES },
    },
    _count: { _all: true },
  });
  const counts = new Map<string, { active: Record<DriftFindingKind, number>; open: number }>();
  for (const group of groups) {
    const key = `${group.managedEnvironmentId}/${group.baselineId}`;
    const entry = counts.get(key) ?? { active: { MISSING: 0, CHANGED: 0, UNMANAGED: 0, AMBIGUOUS: 0 }, open: 0 };
    entry.active[group.kind as DriftFindingKind] += group._count._all;
    if (group.state === "OPEN") entry.open += group._count._all;
    counts.set(key, entry);
  }
  return counts;
}

/**
 * The conformance of every (environment, assigned baseline) of a workspace the actor may read
 * (needs baseline.read; NotFound for a workspace they are not in), within their environment
 * restriction, narrowed by the filter (an empty list narrows to nothing). Ordered by environment
 * name, then baseline name.
 */
export async function fleetConformance(
  db: Db,
  actor: Actor,
  workspaceId: string,
  filter: FleetConformanceFilter = {},
): Promise<FleetConformanceRow[]> {
  assertVisible(actor, workspaceId, null, "Workspace");
  if (!can(actor, "baseline.read", { workspaceId })) throw new ForbiddenError("baseline.read");
  const restricted = visibleEnvironmentIds(actor, workspaceId);
  const where: Prisma.BaselineAssignmentWhereInput[] = [{ workspaceId }];
  if (restricted) where.push({ managedEnvironmentId: { in: restricted } });
  if (filter.environmentIds) where.push({ managedEnvironmentId: { in: [...filter.environmentIds] } });
  if (filter.baselineIds) where.push({ baselineId: { in: [...filter.baselineIds] } });
  const assignments = await db.baselineAssignment.findMany({
    where: { AND: where },
    include: { environment: true, baseline: true },
    orderBy: [{ environment: { name: "asc" } }, { baseline: { name: "asc" } }],
  });
  if (assignments.length === 0) return [];
  const environmentIds = [...new Set(assignments.map((assignment) => assignment.managedEnvironmentId))];
  const baselineIds = [...new Set(assignments.map((assignment) => assignment.baselineId))];
  const [checks, counts] = await Promise.all([
    checksByEnvironment(db, workspaceId, environmentIds),
    findingCounts(db, workspaceId, environmentIds, baselineIds),
  ]);
  const comparedVersionIds = [...checks.values()].flatMap((check) =>
    check.compared ? readRunContext("drift.check", check.compared.context).baselineVersionIds : [],
  );
  const versions =
    comparedVersionIds.length === 0
      ? []
      : await db.baselineVersion.findMany({
          where: { id: { in: [...new Set(comparedVersionIds)] }, baselineId: { in: baselineIds } },
          select: { id: true, baselineId: true, number: true, itemCount: true },
        });
  const versionsById = new Map(versions.map((version) => [version.id, version]));

  const rows = assignments.map((assignment): FleetConformanceRow => {
    const check = checks.get(assignment.managedEnvironmentId) ?? {};
    const compared = check.compared ? readRunContext("drift.check", check.compared.context).baselineVersionIds : [];
    const version = compared.map((id) => versionsById.get(id)).find((found) => found?.baselineId === assignment.baselineId);
    const found = counts.get(`${assignment.managedEnvironmentId}/${assignment.baselineId}`);
    const active = found?.active ?? { MISSING: 0, CHANGED: 0, UNMANAGED: 0, AMBIGUOUS: 0 };
    const conformance: ConformanceCounts | null = version
      ? {
          items: version.itemCount,
          changed: active.CHANGED,
          missing: active.MISSING,
          ambiguous: active.AMBIGUOUS,
          equal: Math.max(0, version.itemCount - active.CHANGED - active.MISSING - active.AMBIGUOUS),
        }
      : null;
    const openFindings = found?.open ?? 0;
    return {
      environment: assignment.environment,
      baseline: assignment.baseline,
      checkedVersion: version ? { id: version.id, number: version.number, itemCount: version.itemCount } : null,
      counts: conformance,
      unmanaged: active.UNMANAGED,
      openFindings,
      lastCheck: check.last ?? null,
      activeCheck: check.active ?? null,
      drifted: openFindings > 0 || active.CHANGED + active.MISSING + active.AMBIGUOUS > 0,
    };
  });
  return filter.onlyDrifted ? rows.filter((row) => row.drifted) : rows;
}
