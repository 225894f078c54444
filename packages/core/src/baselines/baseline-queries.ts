// Reading baselines: the workspace list filter, a version's items and the difference of two
// versions (object by object, settings compared with the same diff as policy versions).

import type { BaselineItem, BaselineVersion, Db } from "@atlas/db";
import { type Actor, assertVisible, can } from "../access/actor.ts";
import { diffNormalizedPayloads, type SettingChange } from "../backup/version-diff.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { itemKeyOf } from "./baseline-items.ts";
import { getVisibleBaseline } from "./baseline-service.ts";

/** The baselines of a workspace the actor may read (NotFound for a workspace they are not in). */
export function visibleBaselinesWhere(actor: Actor, workspaceId: string): { workspaceId: string } {
  assertVisible(actor, workspaceId, null, "Workspace");
  if (!can(actor, "baseline.read", { workspaceId })) throw new ForbiddenError("baseline.read");
  return { workspaceId };
}

export async function getVisibleBaselineVersion(db: Db, actor: Actor, versionId: string): Promise<BaselineVersion> {
  const version = /^[0-9a-f-]{36}$/i.test(versionId) ? await db.baselineVersion.findUnique({ where: { id: versionId } }) : null;
  if (!version || !can(actor, "baseline.read", version)) throw new NotFoundError("Baseline version");
  return version;
}

export type BaselineObjectChangeKind = "added" | "removed" | "changed";

export interface BaselineObjectChange {
  objectType: string;
  displayName: string;
  kind: BaselineObjectChangeKind;
  /** Setting-level changes (for removed and added objects: every setting). */
  changes: SettingChange[];
}

/** Object by object, in type and name order: what `to` adds, removes and changes relative to `from`. */
export function diffBaselineItems(from: readonly BaselineItem[], to: readonly BaselineItem[]): BaselineObjectChange[] {
  const before = new Map(from.map((item) => [itemKeyOf(item), item]));
  const after = new Map(to.map((item) => [itemKeyOf(item), item]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.flatMap((key): BaselineObjectChange[] => {
    const old = before.get(key);
    const next = after.get(key);
    const identity = (old ?? next)!;
    if (old && next && old.contentHash === next.contentHash) return [];
    const kind: BaselineObjectChangeKind = !old ? "added" : !next ? "removed" : "changed";
    return [
      {
        objectType: identity.objectType,
        displayName: identity.displayName,
        kind,
        changes: diffNormalizedPayloads(old?.normalizedPayload ?? {}, next?.normalizedPayload ?? {}),
      },
    ];
  });
}

/** The difference of two versions of the same baseline; versions of different baselines are refused. */
export async function baselineVersionDiff(db: Db, actor: Actor, fromVersionId: string, toVersionId: string) {
  const [from, to] = await Promise.all([
    getVisibleBaselineVersion(db, actor, fromVersionId),
    getVisibleBaselineVersion(db, actor, toVersionId),
  ]);
  if (from.baselineId !== to.baselineId) {
    throw new ValidationError("Only versions of the same baseline can be compared.", [
      { path: ["toVersionId"], message: "Another baseline's version." },
    ]);
  }
  const [fromItems, toItems] = await Promise.all([
    db.baselineItem.findMany({ where: { baselineVersionId: from.id } }),
    db.baselineItem.findMany({ where: { baselineVersionId: to.id } }),
  ]);
  return { from, to, objects: diffBaselineItems(fromItems, toItems) };
}

/** The newest version of a visible baseline with its items. */
export async function latestBaselineVersion(db: Db, actor: Actor, baselineId: string) {
  const baseline = await getVisibleBaseline(db, actor, baselineId);
  return db.baselineVersion.findFirst({ where: { baselineId: baseline.id }, orderBy: { number: "desc" } });
}
