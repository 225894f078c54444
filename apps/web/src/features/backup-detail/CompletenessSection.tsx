import { Badge, Card, List, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isShort } from "../backups/completeness";
import type { BackupSetDetail } from "./documents";
import { ObjectTypeLabel } from "../shared/ObjectTypeLabel";
import { useLabels } from "../../i18n/useLabels";

/** Comes first on the detail page: what the set proves it holds, and what it is missing. */
export function CompletenessSection({ set }: { set: BackupSetDetail }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const gaps = set.completeness.flatMap((entry) => entry.gaps.map((gap) => ({ ...gap, objectType: entry.objectType })));
  // A type that is short without naming an item still has to be listed as a gap.
  const shortfalls = set.completeness.filter((entry) => entry.gaps.length === 0 && (!entry.complete || isShort(entry)));
  const proofGaps = set.operationRun?.proofGaps ?? [];
  const capturing = set.status === "CAPTURING";

  return (
    <Card withBorder data-testid="backup-completeness-section">
      <Stack>
        <Title order={4}>{t("backupDetail.completenessTitle")}</Title>
        {set.completeness.length > 0 && (
          <Table.ScrollContainer minWidth={480} type="native" tabIndex={0}>
            <Table withTableBorder data-testid="completeness-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("backupDetail.columns.objectType")}</Table.Th>
                  <Table.Th>{t("backupDetail.columns.providerTotal")}</Table.Th>
                  <Table.Th>{t("backupDetail.columns.captured")}</Table.Th>
                  <Table.Th>{t("backupDetail.columns.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {set.completeness.map((entry) => {
                  const complete = entry.complete && entry.gaps.length === 0 && !isShort(entry);
                  return (
                    <Table.Tr key={entry.objectType} data-testid={`completeness-${entry.objectType}`} data-complete={complete}>
                      <Table.Td>
                        <ObjectTypeLabel type={entry.objectType} />
                      </Table.Td>
                      <Table.Td>{entry.providerTotal ?? t("backupDetail.totalUnknown")}</Table.Td>
                      <Table.Td>{entry.captured}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" color={complete ? "green" : "orange"} variant="light">
                          {complete ? t("backupDetail.typeComplete") : t("backupDetail.typeIncomplete")}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {!capturing && (
          <Stack gap="xs">
            <Text fw={500} size="sm">
              {t("backupDetail.gapsTitle")}
            </Text>
            {gaps.length === 0 && shortfalls.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="backup-no-gaps">
                {t("backupDetail.noGaps")}
              </Text>
            ) : (
              <List size="sm" spacing={4} data-testid="backup-gaps">
                {shortfalls.map((entry) => (
                  <List.Item key={`type-${entry.objectType}`} data-testid="backup-gap">
                    {t("backupDetail.typeShortfall", {
                      type: labels.objectType(entry.objectType),
                      captured: String(entry.captured),
                      total: entry.providerTotal === null ? t("backupDetail.totalUnknown") : String(entry.providerTotal),
                    })}
                  </List.Item>
                ))}
                {gaps.map((gap) => (
                  <List.Item key={`${gap.objectType}-${gap.providerId}-${gap.code}`} data-testid="backup-gap">
                    <Text span fw={500} size="sm">
                      {gap.displayName}
                    </Text>{" "}
                    <Text span c="dimmed" size="sm">
                      ({labels.objectType(gap.objectType)})
                    </Text>
                    : {labels.proofGapTitle(gap.code)} <span className="break-anywhere">({gap.message})</span>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        )}
        {proofGaps.length > 0 && (
          <Stack gap="xs">
            <Text fw={500} size="sm">
              {t("backupDetail.proofGaps")}
            </Text>
            <List size="sm" spacing={4} data-testid="backup-proof-gaps">
              {proofGaps.map((gap, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: gaps of one code repeat per type; order is stable.
                <List.Item key={`${gap.code}-${index}`} data-code={gap.code}>
                  <Text span fw={500} size="sm">
                    {labels.proofGap(gap).title}
                  </Text>
                  : {labels.proofGap(gap).explanation}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
