// Creating and editing baselines: from a backup set (all or some of its items), from imported
// files, and edits that write the next version. Authorization and audit happen here, so the API,
// the CLI and tests get the same checks; every refusal happens before anything is written.

import type { Baseline, Db } from "@atlas/db";
import { assertCapability, assertVisible, type Actor, can } from "../access/actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import {
  type BaselineFile,
  type BaselineItemDraft,
  itemKeyOf,
  itemsFromBackup,
  itemsFromFiles,
  MAX_BASELINE_FILES,
} from "./baseline-items.ts";
import { appendBaselineVersion, assertDistinctObjects, checkedBaselineName, insertBaseline } from "./baseline-versions.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The baseline if the actor may read it; NotFound otherwise, exactly as for an unknown id. */
export async function getVisibleBaseline(db: Db, actor: Actor, baselineId: string): Promise<Baseline> {
  const baseline = UUID.test(baselineId) ? await db.baseline.findUnique({ where: { id: baselineId } }) : null;
  if (!baseline || !can(actor, "baseline.read", baseline)) throw new NotFoundError("Baseline");
  return baseline;
}

async function backupItemsFor(db: Db, actor: Actor, backupSetId: string, backupItemIds: readonly string[] | null | undefined) {
  const set = UUID.test(backupSetId) ? await db.backupSet.findUnique({ where: { id: backupSetId } }) : null;
  if (!set) throw new NotFoundError("Backup set");
  assertVisible(actor, set.workspaceId, set.managedEnvironmentId, "Backup set");
  assertCapability(actor, set.workspaceId, null, "baseline.manage", "Backup set");
  if (set.status === "capturing") throw new ValidationError("The backup is still capturing; create the baseline when it has finished.");
  if (set.trigger === "baseline") {
    throw new ValidationError("This set is a baseline written out for a deployment, not a backup of the tenant.", [
      { path: ["backupSetId"], message: "Choose a backup." },
    ]);
  }
  const items = await db.backupItem.findMany({ where: { backupSetId: set.id }, include: { policyVersion: true }, orderBy: { id: "asc" } });
  let chosen = items;
  if (backupItemIds) {
    if (backupItemIds.length === 0) {
      throw new ValidationError("Choose at least one item, or leave the choice out for all.", [
        { path: ["backupItemIds"], message: "Empty." },
      ]);
    }
    const byId = new Map(items.map((item) => [item.id, item]));
    const errors = backupItemIds.flatMap((id, index) =>
      byId.has(id) ? [] : [{ path: ["backupItemIds", String(index)], message: "Not an item of this backup set." }],
    );
    if (errors.length > 0) throw new ValidationError("Some chosen items are not in the backup set.", errors);
    chosen = [...new Set(backupItemIds)].map((id) => byId.get(id)!);
  }
  if (chosen.length === 0)
    throw new ValidationError("The backup set holds no items.", [{ path: ["backupSetId"], message: "Empty backup." }]);
  // A desired state must be whole: an item the backup could not capture completely is no standard.
  const gapped = chosen.filter((item) => Array.isArray(item.gaps) && item.gaps.length > 0);
  if (gapped.length > 0) {
    throw new ValidationError(
      `${gapped.length} chosen item(s) were not captured completely: ${gapped.map((item) => item.displayName).join(", ")}.`,
      [{ path: ["backupItemIds"], message: "Leave out the items with capture gaps." }],
    );
  }
  return { set, items: chosen };
}

export interface CreateBaselineFromBackupInput {
  backupSetId: string;
  name: string;
  backupItemIds?: readonly string[] | null;
}

/** A baseline whose first version holds the chosen items of a backup set (all when none are chosen). */
export async function createBaselineFromBackup(db: Db, actor: Actor, input: CreateBaselineFromBackupInput): Promise<Baseline> {
  const { set, items } = await backupItemsFor(db, actor, input.backupSetId, input.backupItemIds);
  const name = checkedBaselineName(input.name);
  const drafts = itemsFromBackup(set.id, items);
  assertDistinctObjects(drafts, "backupItemIds");
  return insertBaseline(db, actor, {
    workspaceId: set.workspaceId,
    name,
    origin: "backup",
    originDetails: { backupSetId: set.id, environmentId: set.managedEnvironmentId },
    items: drafts,
  });
}

function checkedFiles(files: readonly BaselineFile[]): void {
  if (files.length === 0) throw new ValidationError("Choose at least one file.", [{ path: ["files"], message: "No files." }]);
  if (files.length > MAX_BASELINE_FILES) {
    throw new ValidationError(`At most ${MAX_BASELINE_FILES} files per import.`, [{ path: ["files"], message: `${files.length} files.` }]);
  }
  const unnamed = files.findIndex((file) => file.name.trim() === "");
  if (unnamed >= 0)
    throw new ValidationError("Every file needs its name.", [{ path: ["files", String(unnamed), "name"], message: "Empty." }]);
}

/** Recognizes the files; none recognized is a validation error naming why, so nothing is written. */
function recognizedItems(files: readonly BaselineFile[]) {
  checkedFiles(files);
  const imported = itemsFromFiles(files);
  if (imported.items.length === 0) {
    throw new ValidationError(
      `None of the ${files.length} file(s) holds an object a baseline can contain.`,
      imported.notRecognized.map((file) => ({
        path: ["files", String(files.findIndex((f) => file.fileName.startsWith(f.name)))],
        message: `${file.fileName}: ${file.message}`,
      })),
    );
  }
  const originDetails = {
    files: files.length,
    recognized: imported.items.length,
    notRecognized: imported.notRecognized.map(({ fileName, reason, message }) => ({ fileName, reason, message })),
  };
  return { items: imported.items, originDetails };
}

export interface ImportBaselineInput {
  workspaceId: string;
  name: string;
  files: readonly BaselineFile[];
}

/**
 * A baseline from files (IntuneManagement exports, Graph JSON, the Intune portal's import JSON).
 * The first version lists the files it did not recognize, with the reason, in `originDetails`.
 */
export async function importBaseline(db: Db, actor: Actor, input: ImportBaselineInput): Promise<Baseline> {
  if (!UUID.test(input.workspaceId)) throw new NotFoundError("Workspace");
  assertCapability(actor, input.workspaceId, null, "baseline.manage", "Workspace");
  const name = checkedBaselineName(input.name);
  const { items, originDetails } = recognizedItems(input.files);
  return insertBaseline(db, actor, { workspaceId: input.workspaceId, name, origin: "import", originDetails, items });
}

export interface EditBaselineInput {
  baselineId: string;
  /** Items of the latest version to leave out. */
  removeItemIds?: readonly string[] | null;
  /** Files whose objects are added, replacing an item of the same type and name. */
  files?: readonly BaselineFile[] | null;
}

/**
 * Writes the next version: the latest items without the removed ones, with the files' objects added
 * (an object of the same type and name is replaced). An edit that changes nothing writes nothing.
 */
export async function editBaseline(db: Db, actor: Actor, input: EditBaselineInput): Promise<Baseline> {
  const baseline = await getVisibleBaseline(db, actor, input.baselineId);
  assertCapability(actor, baseline.workspaceId, null, "baseline.manage", "Baseline");
  const removeIds = new Set(input.removeItemIds ?? []);
  const added = input.files?.length ? recognizedItems(input.files) : { items: [] as BaselineItemDraft[], originDetails: {} };
  if (removeIds.size === 0 && added.items.length === 0) {
    throw new ValidationError("The edit changes nothing: remove items or add files.", [{ path: ["removeItemIds"], message: "Empty." }]);
  }
  const { baseline: edited } = await appendBaselineVersion(
    db,
    actor,
    baseline.id,
    { removed: removeIds.size, ...added.originDetails },
    (latest) => {
      const latestIds = new Set(latest.map((item) => item.id));
      const unknown = [...removeIds].filter((id) => !latestIds.has(id));
      if (unknown.length > 0) {
        throw new ValidationError("Some items to remove are not in the latest version.", [
          { path: ["removeItemIds"], message: `${unknown.length} unknown item(s).` },
        ]);
      }
      const replaced = new Set(added.items.map(itemKeyOf));
      const kept = latest.filter((item) => !removeIds.has(item.id) && !replaced.has(itemKeyOf(item)));
      if (kept.length + added.items.length === 0) {
        throw new ValidationError("A baseline keeps at least one object.", [{ path: ["removeItemIds"], message: "Removes every item." }]);
      }
      return [...kept.map(({ id: _id, ...item }) => item), ...added.items];
    },
  );
  return edited;
}
