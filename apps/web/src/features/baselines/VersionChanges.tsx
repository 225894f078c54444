import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SettingChangeKind } from "../../graphql/generated/graphql";
import { DiffTable } from "../policy-history/DiffTable";
import { unclippedLabel } from "../shared/EnumBadge";
import { ObjectTypeLabel } from "../shared/ObjectTypeLabel";
import type { VersionDiff } from "./documents";

const kindColor = { ADDED: "green", REMOVED: "red", CHANGED: "blue" } as const satisfies Record<SettingChangeKind, string>;

/** What a version adds, removes and changes against the one before it; a changed object shows its settings. */
export function VersionChanges({ diff, number }: { diff: VersionDiff; number: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="baseline-version-changes">
      <Title order={4}>{t("baselines.detail.changesFrom", { number: String(number), from: String(diff.from.number) })}</Title>
      {diff.objects.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("baselines.detail.noChanges")}
        </Text>
      )}
      {diff.objects.map((object) => (
        <Paper
          key={`${object.objectType}/${object.displayName}`}
          withBorder
          p="xs"
          data-testid="baseline-version-change"
          data-kind={object.kind}
          data-name={object.displayName}
        >
          <Stack gap={6}>
            <Group gap="xs">
              <Badge color={kindColor[object.kind]} variant="light" styles={unclippedLabel}>
                {t(`policyHistory.kind.${object.kind}`)}
              </Badge>
              <ObjectTypeLabel type={object.objectType} />
            </Group>
            <Text size="sm" fw={500} className="break-anywhere">
              {object.displayName}
            </Text>
            {object.kind === "CHANGED" && <DiffTable changes={object.changes} />}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
