import { type DriftScheduleView, driftScheduleOf, setDriftSchedule } from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { requireRawId } from "../ids.ts";
import { resultUnion } from "./errors.ts";

const DriftSchedule = builder.objectRef<DriftScheduleView>("DriftSchedule").implement({
  description:
    "How often the workspace's environments that follow a baseline are checked for drift: each is checked when no check of it started within the interval.",
  fields: (t) => ({
    enabled: t.exposeBoolean("enabled"),
    intervalHours: t.exposeInt("intervalHours", { description: "1 to 24; 6 until a schedule is saved." }),
  }),
});

builder.prismaObjectFields("Workspace", (t) => ({
  driftSchedule: t.field({
    type: DriftSchedule,
    description: "The drift schedule (every 6 hours until one is saved; needs baseline.read).",
    resolve: (workspace, _args, context) => driftScheduleOf(context.db, requireActor(context), workspace.id),
  }),
}));

const SetDriftScheduleInput = builder.inputType("SetDriftScheduleInput", {
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    enabled: t.boolean({ required: true }),
    intervalHours: t.int({ required: true, description: "1 to 24; anything else is refused, never adjusted." }),
  }),
});

const DriftSchedulePayload = builder.objectRef<{ schedule: DriftScheduleView }>("DriftSchedulePayload").implement({
  fields: (t) => ({ schedule: t.field({ type: DriftSchedule, resolve: (result) => result.schedule }) }),
});

builder.mutationFields((t) => ({
  setDriftSchedule: t.field({
    type: DriftSchedulePayload,
    errors: resultUnion("SetDriftScheduleResult", "The saved schedule, or why it could not be saved."),
    description: "Saves how often the workspace is checked for drift (needs workspace.manage).",
    args: { input: t.arg({ type: SetDriftScheduleInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      schedule: await setDriftSchedule(context.db, requireActor(context), {
        workspaceId: requireRawId(input.workspaceId, "Workspace", "Workspace"),
        enabled: input.enabled,
        intervalHours: input.intervalHours,
      }),
    }),
  }),
}));
