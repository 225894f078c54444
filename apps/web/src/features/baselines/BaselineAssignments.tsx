import { Anchor, Button, Group, MultiSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMutation } from "urql";
import { useSession } from "../../session/SessionProvider";
import { CheckDriftButton } from "../fleet/CheckDriftButton";
import { findingsPath } from "../fleet/fleetPaths";
import { type RestoreStepResult, restoreStepResult } from "../restores/mutationOutcome";
import { AssignBaselineMutation, type BaselineDetail, UnassignBaselineMutation } from "./documents";

/** The environments a baseline is assigned to: check each for drift, open its findings, assign more or unassign. */
export function BaselineAssignments({ baseline, onChanged }: { baseline: BaselineDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { environments, can } = useSession();
  const manage = can("baseline.manage");
  const [chosen, setChosen] = useState<string[]>([]);
  const [{ fetching: assigning }, assign] = useMutation(AssignBaselineMutation);
  const [{ fetching: unassigning }, unassign] = useMutation(UnassignBaselineMutation);
  const assignedIds = new Set(baseline.environments.map((environment) => environment.id));
  const options = environments
    .filter((environment) => !assignedIds.has(environment.id))
    .map((environment) => ({ value: environment.id, label: environment.name }));

  /** One toast for either change; true when it was saved. */
  function report(result: RestoreStepResult<unknown>, done: string): boolean {
    if (!result.ok) {
      notifications.show({ color: "red", title: t("baselines.detail.failed"), message: result.message });
      return false;
    }
    notifications.show({ color: "green", title: done, message: baseline.name });
    onChanged();
    return true;
  }

  async function handleAssign() {
    if (chosen.length === 0) return;
    const response = await assign({ input: { baselineId: baseline.id, environmentIds: chosen } });
    if (report(restoreStepResult(response.data?.assignBaseline, response.error, "BaselinePayload", t), t("baselines.detail.assigned")))
      setChosen([]);
  }

  async function handleUnassign(environmentId: string) {
    const response = await unassign({ input: { baselineId: baseline.id, environmentIds: [environmentId] } });
    report(restoreStepResult(response.data?.unassignBaseline, response.error, "BaselinePayload", t), t("baselines.detail.unassigned"));
  }

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t("baselines.detail.assignments")}</Title>
        {baseline.environments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("baselines.detail.notAssigned")}
          </Text>
        )}
        {baseline.environments.map((environment) => (
          <Group
            key={environment.id}
            justify="space-between"
            gap="xs"
            data-testid="baseline-assignment"
            data-environment={environment.name}
          >
            <Text fw={500} className="truncate" title={environment.name}>
              {environment.name}
            </Text>
            <Group gap="xs">
              <Anchor component={Link} to={findingsPath(environment.id)} size="sm" data-testid="baseline-assignment-findings">
                {t("baselines.detail.findings")}
              </Anchor>
              {manage && <CheckDriftButton environment={environment} label={t("baselines.detail.checkNow")} variant="light" />}
              {manage && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={unassigning}
                  onClick={() => void handleUnassign(environment.id)}
                  data-testid={`baseline-unassign-${environment.name}`}
                >
                  {t("baselines.detail.unassign")}
                </Button>
              )}
            </Group>
          </Group>
        ))}
        {manage && options.length > 0 && (
          <Group align="flex-end" gap="xs">
            <MultiSelect
              label={t("baselines.detail.assign")}
              placeholder={chosen.length === 0 ? t("baselines.detail.assignPlaceholder") : undefined}
              data={options}
              value={chosen}
              onChange={setChosen}
              searchable
              w={{ base: "100%", sm: 320 }}
              data-testid="baseline-assign-select"
            />
            <Button loading={assigning} disabled={chosen.length === 0} onClick={() => void handleAssign()} data-testid="baseline-assign">
              {t("baselines.detail.assign")}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
