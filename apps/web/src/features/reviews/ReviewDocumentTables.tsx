import { Anchor, Badge, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { OperationRunOutcome, RestoreRunStatus } from "../../graphql/generated/graphql";
import { useFormatters } from "../../i18n/useFormatters";
import { useLabels } from "../../i18n/useLabels";
import { RunOutcomeBadge } from "../operations/RunBadges";
import { RestoreStatusBadge } from "../restores/RestoreBadges";
import { Time } from "../shared/Time";

interface ReviewDocument {
  inventory: { objectType: string; inventory: number; backup: number }[];
  backupSetId?: string | null;
  backupCoverage: {
    objectType: string;
    providerTotal: number;
    captured: number;
    complete: boolean;
    gaps: { displayName: string; message: string }[];
  }[];
  restores: { restoreRunId: string; runId?: string | null; status: string; outcome?: string | null; proven: boolean }[];
  proofGapRuns: { runId: string; type: string; outcome: string; completedAt?: string | null; gapCodes: string[] }[];
}

// Sections store statuses and outcomes as core writes them (lower case); badges speak the API's enums.
const asEnum = <T extends string>(value: string) => value.toUpperCase() as T;

/** A table that scrolls inside itself on narrow screens; focusable so keyboard users can scroll it. */
function ScrollTable({ label, children, "data-testid": testId }: { label: string; children: React.ReactNode; "data-testid": string }) {
  return (
    <Table.ScrollContainer minWidth={480} type="native" tabIndex={0} aria-label={label}>
      <Table data-testid={testId}>{children}</Table>
    </Table.ScrollContainer>
  );
}

/** The review document's tables as the exports print them, each row linking to what it rests on. */
export function ReviewDocumentTables({ review }: { review: ReviewDocument }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormatters();
  return (
    <>
      <Title order={4}>{t("reviews.inventorySection")}</Title>
      <ScrollTable label={t("reviews.inventorySection")} data-testid="review-inventory">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("reviews.objectType")}</Table.Th>
            <Table.Th>{t("reviews.inInventory")}</Table.Th>
            <Table.Th>{t("reviews.inBackup")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {review.inventory.map((row) => (
            <Table.Tr key={row.objectType}>
              <Table.Td>{labels.objectType(row.objectType)}</Table.Td>
              <Table.Td>{format.number(row.inventory)}</Table.Td>
              <Table.Td>{format.number(row.backup)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>

      <Title order={4}>{t("reviews.backupSection")}</Title>
      {review.backupSetId ? (
        <Anchor component={Link} to={`/backups/${encodeURIComponent(review.backupSetId)}`} size="sm">
          {t("reviews.openBackup")}
        </Anchor>
      ) : (
        <Text size="sm">{t("reviews.noBackup")}</Text>
      )}
      <ScrollTable label={t("reviews.backupSection")} data-testid="review-backup-coverage">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("reviews.objectType")}</Table.Th>
            <Table.Th>{t("reviews.capturedOfTotal")}</Table.Th>
            <Table.Th>{t("reviews.gaps")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {review.backupCoverage.map((row) => (
            <Table.Tr key={row.objectType} data-complete={row.complete}>
              <Table.Td>{labels.objectType(row.objectType)}</Table.Td>
              <Table.Td>
                {format.number(row.captured)} / {format.number(row.providerTotal)}{" "}
                <Badge color={row.complete ? "green" : "orange"} variant="light">
                  {row.complete ? t("reviews.complete") : t("reviews.incomplete")}
                </Badge>
              </Table.Td>
              <Table.Td>{row.gaps.map((gap) => `${gap.displayName}: ${gap.message}`).join("; ") || "–"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>

      <Title order={4}>{t("reviews.restoresSection")}</Title>
      {review.restores.length === 0 ? (
        <Text size="sm">{t("reviews.noRestores")}</Text>
      ) : (
        <ScrollTable label={t("reviews.restoresSection")} data-testid="review-restores">
          <Table.Tbody>
            {review.restores.map((restore) => (
              <Table.Tr key={restore.restoreRunId}>
                <Table.Td>
                  <Anchor component={Link} to={`/restores/${encodeURIComponent(restore.restoreRunId)}`}>
                    {t("reviews.openRestore")}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <RestoreStatusBadge status={asEnum<RestoreRunStatus>(restore.status)} />
                </Table.Td>
                <Table.Td>{restore.proven ? t("reviews.proven") : t("reviews.notProven")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}

      <Title order={4}>{t("reviews.proofGapSection")}</Title>
      {review.proofGapRuns.length === 0 ? (
        <Text size="sm">{t("reviews.noProofGapRuns")}</Text>
      ) : (
        <ScrollTable label={t("reviews.proofGapSection")} data-testid="review-proof-gap-runs">
          <Table.Tbody>
            {review.proofGapRuns.map((run) => (
              <Table.Tr key={run.runId}>
                <Table.Td>
                  <Anchor component={Link} to={`/runs/${encodeURIComponent(run.runId)}`}>
                    {labels.operationType(run.type)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <RunOutcomeBadge outcome={asEnum<OperationRunOutcome>(run.outcome)} />
                </Table.Td>
                <Table.Td>
                  <Time value={run.completedAt} />
                </Table.Td>
                <Table.Td>{run.gapCodes.map((code) => labels.proofGapTitle(code)).join(", ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </>
  );
}
