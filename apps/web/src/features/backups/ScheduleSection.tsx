import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorMessage } from "../../graphql/errors";
import { useFormatters } from "../../i18n/useFormatters";
import type { EnvironmentSummary } from "../../session/documents";
import { useSession } from "../../session/SessionProvider";
import { type BackupSchedule, EnvironmentBackupScheduleQuery, scheduleOf } from "./scheduleDocuments";
import { ScheduleModal } from "./ScheduleModal";
import { ScheduleWhen } from "./ScheduleWhen";
import { Time } from "../shared/Time";

/** The selected environment's backup schedule; editing needs environments.manage. */
export function ScheduleSection({ environment }: { environment: EnvironmentSummary }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [opened, { open, close }] = useDisclosure(false);
  const [result, reexecute] = useQuery({
    query: EnvironmentBackupScheduleQuery,
    variables: { environmentId: environment.id },
    requestPolicy: "cache-and-network",
  });
  const schedule = scheduleOf(result.data?.node);

  return (
    <Card withBorder data-testid="backup-schedule">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={5}>{t("schedule.title")}</Title>
            {schedule && (
              <Badge size="sm" color={schedule.enabled ? "green" : "gray"} variant="light" data-testid="schedule-state">
                {schedule.enabled ? t("schedule.enabledBadge") : t("schedule.paused")}
              </Badge>
            )}
          </Group>
          {result.error && <Alert color="red">{errorMessage(result.error)}</Alert>}
          {result.fetching && !result.data ? <Loader size="xs" /> : <ScheduleSummary schedule={schedule} />}
        </Stack>
        {can("environments.manage") && (
          <Button size="xs" variant="default" onClick={open} data-testid="schedule-edit">
            {t("schedule.edit")}
          </Button>
        )}
      </Group>
      <ScheduleModal
        opened={opened}
        onClose={close}
        environment={environment}
        schedule={schedule}
        onSaved={() => reexecute({ requestPolicy: "network-only" })}
      />
    </Card>
  );
}

function ScheduleSummary({ schedule }: { schedule: BackupSchedule | null }) {
  const { t } = useTranslation();
  const _format = useFormatters();
  if (!schedule) {
    return (
      <Text size="sm" c="dimmed">
        {t("schedule.notSet")}
      </Text>
    );
  }
  const rules = [
    schedule.retentionKeepLast ? t("schedule.keepLast", { count: schedule.retentionKeepLast }) : null,
    schedule.retentionKeepDays ? t("schedule.keepDays", { count: schedule.retentionKeepDays }) : null,
  ].filter(Boolean);
  return (
    <Stack gap={2}>
      <ScheduleWhen cronExpression={schedule.cronExpression} enabled={schedule.enabled} />
      <Text size="sm" c="dimmed" data-testid="schedule-last-run">
        {t("schedule.lastRun")}: <Time value={schedule.lastRunAt} />{" "}
        <Text span ff="monospace" size="xs" c="dimmed">
          {schedule.cronExpression} (UTC)
        </Text>
      </Text>
      <Text size="sm" c="dimmed">
        {t("schedule.retention")}: {rules.length ? rules.join(", ") : t("schedule.keepAll")}
      </Text>
    </Stack>
  );
}
