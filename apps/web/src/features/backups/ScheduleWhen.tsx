import { Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { describeSchedule } from "../../i18n/time";
import { useFormatters } from "../../i18n/useFormatters";

/**
 * A UTC cron as the user reads it: in words, in their language and time zone, with the next three
 * runs by weekday and time (a relative "tomorrow" would blur which day; the exact moment on hover). Paused schedules say so instead of listing runs.
 */
export function ScheduleWhen({ cronExpression, enabled }: { cronExpression: string; enabled: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const description = describeSchedule(cronExpression, format.language);
  if (!description) {
    return (
      <Text size="sm" c="dimmed" data-testid="schedule-words">
        {t("schedule.notDescribable")}
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      <Text size="sm" data-testid="schedule-words" data-time-zone={description.timeZone}>
        {description.words}{" "}
        <Text span size="xs" c="dimmed">
          ({t("schedule.timeZone", { zone: description.timeZone })})
        </Text>
      </Text>
      {enabled ? (
        <Group gap={6} wrap="wrap" data-testid="schedule-next-runs">
          <Text size="sm" c="dimmed">
            {t("schedule.nextRuns")}:
          </Text>
          {description.nextRuns.map((run, index) => (
            <Text key={run} size="sm" c="dimmed" data-testid="schedule-next-run-item">
              <time dateTime={run} title={format.absolute(run)}>
                {format.weekdayTime(run)}
              </time>
              {index < description.nextRuns.length - 1 ? ";" : ""}
            </Text>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed" data-testid="schedule-next-runs">
          {t("schedule.pausedNoRuns")}
        </Text>
      )}
    </Stack>
  );
}
