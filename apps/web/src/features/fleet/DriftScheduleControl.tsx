import { Button, Group, NumberInput, Switch, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useSession } from "../../session/SessionProvider";
import { restoreStepResult } from "../restores/mutationOutcome";
import { DriftScheduleQuery, SetDriftScheduleMutation } from "./documents";

/**
 * How often the workspace is checked for drift, in words; owners (workspace.manage) change it here.
 * The server refuses anything outside 1 to 24 hours with a message that is shown as it is.
 */
export function DriftScheduleControl({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [result, reexecute] = useQuery({ query: DriftScheduleQuery, variables: { workspaceId } });
  const [{ fetching }, save] = useMutation(SetDriftScheduleMutation);
  const node = result.data?.node;
  const schedule = node?.__typename === "Workspace" ? node.driftSchedule : null;
  const [enabled, setEnabled] = useState(true);
  const [hours, setHours] = useState<number | string>(6);
  useEffect(() => {
    if (!schedule) return;
    setEnabled(schedule.enabled);
    setHours(schedule.intervalHours);
  }, [schedule]);
  if (!schedule) return null;

  const words = schedule.enabled ? t("fleet.schedule.every", { count: schedule.intervalHours }) : t("fleet.schedule.off");
  if (!can("workspace.manage")) {
    return (
      <Text size="sm" c="dimmed" data-testid="drift-schedule-words">
        {words}
      </Text>
    );
  }
  async function submit() {
    const response = await save({ input: { workspaceId, enabled, intervalHours: Number(hours) } });
    const outcome = restoreStepResult(response.data?.setDriftSchedule, response.error, "DriftSchedulePayload", t);
    if (!outcome.ok) {
      notifications.show({ color: "red", title: t("fleet.schedule.saveFailed"), message: outcome.message });
      return;
    }
    notifications.show({ color: "green", message: t("fleet.schedule.saved") });
    reexecute({ requestPolicy: "network-only" });
  }
  return (
    <Group align="flex-end" gap="sm" data-testid="drift-schedule">
      <Text size="sm" c="dimmed" mb={8} data-testid="drift-schedule-words">
        {words}
      </Text>
      <Switch
        label={t("fleet.schedule.enabled")}
        checked={enabled}
        onChange={(event) => setEnabled(event.currentTarget.checked)}
        mb={8}
        data-testid="drift-schedule-enabled"
      />
      <NumberInput
        label={t("fleet.schedule.hours")}
        value={hours}
        onChange={setHours}
        min={1}
        max={24}
        step={1}
        allowDecimal={false}
        w={120}
        disabled={!enabled}
        data-testid="drift-schedule-hours"
      />
      <Button variant="default" onClick={submit} loading={fetching} data-testid="drift-schedule-save">
        {t("fleet.schedule.save")}
      </Button>
    </Group>
  );
}
