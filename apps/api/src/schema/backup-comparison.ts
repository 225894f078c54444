import { type BackupSetComparison as Comparison, compareBackupSets } from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { requireRawId } from "../ids.ts";
import { BackupSet } from "./backup-set.ts";
import { ReviewPolicyChange } from "./environment-review.ts";
import { resultUnion } from "./errors.ts";

const BackupSetComparison = builder.objectRef<Comparison>("BackupSetComparison").implement({
  description: "Two backups of one environment: what changed from the earlier to the later.",
  fields: (t) => ({
    earlier: t.field({ type: BackupSet, resolve: (comparison) => comparison.earlier }),
    later: t.field({ type: BackupSet, resolve: (comparison) => comparison.later }),
    changes: t.field({
      type: [ReviewPolicyChange],
      description: "Policies added, removed or changed from the earlier backup to the later, with setting-level differences.",
      resolve: (comparison) => comparison.changes,
    }),
  }),
});

builder.queryField("compareBackupSets", (t) =>
  t.field({
    type: BackupSetComparison,
    errors: resultUnion("CompareBackupSetsResult", "The comparison, or why the two backups cannot be compared."),
    description: "Compares any two finished backups of one environment you may see (in either order).",
    args: { leftId: t.arg.id({ required: true }), rightId: t.arg.id({ required: true }) },
    resolve: (_root, args, context) =>
      compareBackupSets(
        context.db,
        requireActor(context),
        requireRawId(args.leftId, "BackupSet", "Backup set"),
        requireRawId(args.rightId, "BackupSet", "Backup set"),
      ),
  }),
);
