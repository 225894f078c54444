// The one writer of baselines and their versions: a version is written whole in one transaction
// (number, items, audit) and never changed afterwards (the database refuses updates).

import { type Baseline, type Db, Prisma } from "@atlas/db";
import { type Actor, actorLabel } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { type FieldError, ValidationError } from "../errors.ts";
import { type BaselineItemDraft, itemKeyOf } from "./baseline-items.ts";

type Tx = Prisma.TransactionClient;

export const BASELINE_NAME_MAX = 200;

export type BaselineOrigin = "backup" | "import" | "edit";

export function checkedBaselineName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > BASELINE_NAME_MAX) {
    throw new ValidationError("The baseline needs a name.", [{ path: ["name"], message: `1 to ${BASELINE_NAME_MAX} characters.` }]);
  }
  return trimmed;
}

/** Two items of one version must not name the same object: a tenant's object could match either. */
export function assertDistinctObjects(items: readonly BaselineItemDraft[], path: string): void {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const item of items) {
    const key = itemKeyOf(item);
    if (seen.has(key)) errors.push({ path: [path], message: `Two objects of type ${item.objectType} are named "${item.displayName}".` });
    seen.add(key);
  }
  if (errors.length > 0) throw new ValidationError("A baseline holds each object (type and name) once.", errors);
}

function nameTaken(name: string): ValidationError {
  return new ValidationError(`A baseline named "${name}" exists in this workspace.`, [{ path: ["name"], message: "Choose another name." }]);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function writeVersion(
  tx: Tx,
  baseline: Baseline,
  actor: Actor,
  origin: BaselineOrigin,
  originDetails: Record<string, unknown>,
  items: readonly BaselineItemDraft[],
): Promise<number> {
  const latest = await tx.baselineVersion.aggregate({ where: { baselineId: baseline.id }, _max: { number: true } });
  const number = (latest._max.number ?? 0) + 1;
  const version = await tx.baselineVersion.create({
    data: {
      baselineId: baseline.id,
      workspaceId: baseline.workspaceId,
      number,
      origin,
      originDetails: originDetails as Prisma.InputJsonObject,
      itemCount: items.length,
      createdBy: actorLabel(actor),
    },
  });
  await tx.baselineItem.createMany({
    data: items.map((item) => ({
      baselineVersionId: version.id,
      workspaceId: baseline.workspaceId,
      objectType: item.objectType,
      displayName: item.displayName,
      normalizedPayload: item.normalizedPayload as Prisma.InputJsonObject,
      contentHash: item.contentHash,
      source: item.source as unknown as Prisma.InputJsonObject,
    })),
  });
  await tx.baseline.update({ where: { id: baseline.id }, data: { updatedAt: new Date() } });
  await recordAuditEvent(tx, {
    workspaceId: baseline.workspaceId,
    actor,
    action: number === 1 ? "baseline.create" : "baseline.version",
    targetType: "baseline",
    targetId: baseline.id,
    outcome: "success",
    metadata: { name: baseline.name, version: number, origin, items: items.length, ...originDetails },
  });
  return number;
}

/** Creates the baseline with its first version; a taken name is a validation error that changes nothing. */
export async function insertBaseline(
  db: Db,
  actor: Actor,
  input: { workspaceId: string; name: string; origin: BaselineOrigin; originDetails: Record<string, unknown>; items: BaselineItemDraft[] },
): Promise<Baseline> {
  const existing = await db.baseline.findUnique({ where: { workspaceId_name: { workspaceId: input.workspaceId, name: input.name } } });
  if (existing) throw nameTaken(input.name);
  try {
    return await db.$transaction(async (tx) => {
      const baseline = await tx.baseline.create({
        data: { workspaceId: input.workspaceId, name: input.name, createdBy: actorLabel(actor) },
      });
      await writeVersion(tx, baseline, actor, input.origin, input.originDetails, input.items);
      return baseline;
    });
  } catch (error) {
    // A concurrent create of the same name lost the race on the unique constraint.
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * Writes the next version from the latest one: `build` gets the latest items and answers the new
 * ones. The baseline row is locked, so two edits never write the same number or lose each other's
 * change. Items equal to the latest version's (same objects, same hashes) write nothing.
 */
export async function appendBaselineVersion(
  db: Db,
  actor: Actor,
  baselineId: string,
  originDetails: Record<string, unknown>,
  build: (latest: StoredBaselineItem[]) => BaselineItemDraft[],
): Promise<{ baseline: Baseline; written: boolean }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`select id from baselines where id = ${baselineId}::uuid for update`;
    const baseline = await tx.baseline.findUniqueOrThrow({ where: { id: baselineId } });
    const latest = await latestItems(tx, baselineId);
    const next = build(latest);
    assertDistinctObjects(next, "items");
    if (fingerprintOf(next) === fingerprintOf(latest)) return { baseline, written: false };
    await writeVersion(tx, baseline, actor, "edit", originDetails, next);
    return { baseline: await tx.baseline.findUniqueOrThrow({ where: { id: baselineId } }), written: true };
  });
}

export type StoredBaselineItem = BaselineItemDraft & { id: string };

async function latestItems(tx: Tx, baselineId: string): Promise<StoredBaselineItem[]> {
  const version = await tx.baselineVersion.findFirst({ where: { baselineId }, orderBy: { number: "desc" }, include: { items: true } });
  return (version?.items ?? []).map((item) => ({
    id: item.id,
    objectType: item.objectType,
    displayName: item.displayName,
    normalizedPayload: item.normalizedPayload as BaselineItemDraft["normalizedPayload"],
    contentHash: item.contentHash,
    source: item.source as unknown as BaselineItemDraft["source"],
  }));
}

function fingerprintOf(items: readonly BaselineItemDraft[]): string {
  return items
    .map((item) => `${itemKeyOf(item)}\u0000${item.contentHash}`)
    .sort()
    .join("\n");
}
