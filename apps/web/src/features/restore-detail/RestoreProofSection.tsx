import { Anchor, Badge, Card, Group, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ReconciliationDecisionBadge, RunOutcomeBadge, RunStatusBadge } from "../operations/RunBadges";
import type { RunDetail } from "../run-detail/documents";
import { ProofGapTable } from "../run-detail/ProofSection";
import type { EvidenceSnapshot } from "../restores/documents";
import { useLabels } from "../../i18n/useLabels";
import { unclippedLabel } from "../shared/EnumBadge";
import { Time } from "../shared/Time";

/** Third: what the restore.execute adapter could (not) prove, and the verification evidence. */
export function RestoreProofSection({ run, evidence }: { run: RunDetail | null; evidence: EvidenceSnapshot | null }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const reconciliation = run?.reconciliation ?? null;
  const gaps = run?.proofGaps ?? [];

  return (
    <Card withBorder id="restore-proof" data-testid="restore-proof">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t("restoreRun.detail.proofTitle")}</Title>
          {run && (
            <Group gap="xs">
              <RunStatusBadge status={run.status} />
              {run.status === "COMPLETED" && <RunOutcomeBadge outcome={run.outcome} />}
              <Anchor component={Link} to={`/runs/${encodeURIComponent(run.id)}`} size="sm" data-testid="restore-run-link">
                {t("restoreRun.detail.openRun")}
              </Anchor>
            </Group>
          )}
        </Group>
        {!run ? (
          <Text size="sm" c="dimmed">
            {t("restoreRun.detail.notExecuted")}
          </Text>
        ) : !reconciliation ? (
          <Text size="sm" c="dimmed" data-testid="restore-proof-pending">
            {t("restoreRun.detail.notEvaluated")}
          </Text>
        ) : (
          <Group gap="md">
            <ReconciliationDecisionBadge decision={reconciliation.decision} outcome={reconciliation.outcome} />
            {reconciliation.outcome && <RunOutcomeBadge outcome={reconciliation.outcome} />}
            {reconciliation.reasonCode && (
              <Text size="sm" data-testid="restore-proof-reason" data-code={reconciliation.reasonCode}>
                {labels.reason(reconciliation.reasonCode)}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {reconciliation.adapter} {reconciliation.adapterVersion} · <Time value={reconciliation.evaluatedAt} />
            </Text>
          </Group>
        )}
        {run && <ProofGapTable gaps={gaps} testId="restore-proof-gaps" rowTestId="restore-proof-gap" />}
        <EvidenceSnapshotView evidence={evidence} />
      </Stack>
    </Card>
  );
}

function EvidenceSnapshotView({ evidence }: { evidence: EvidenceSnapshot | null }) {
  const { t } = useTranslation();
  return (
    <Stack
      gap="xs"
      data-testid="restore-evidence"
      data-status={evidence?.status ?? ""}
      data-completeness={evidence?.completenessState ?? ""}
    >
      <Text fw={500} size="sm">
        {t("restoreRun.detail.evidenceTitle")}
      </Text>
      {!evidence ? (
        <Text size="sm" c="dimmed">
          {t("restoreRun.detail.noEvidence")}
        </Text>
      ) : (
        <>
          <Group gap="md">
            <Text size="sm">
              {t("restoreRun.detail.evidenceStatus")}: <Badge variant="light">{evidence.status}</Badge>
            </Text>
            <Text size="sm">
              {t("restoreRun.detail.evidenceCompleteness")}:{" "}
              <Badge variant="light" color={evidence.completenessState === "complete" ? "green" : "orange"}>
                {evidence.completenessState}
              </Badge>
            </Text>
            <Text size="xs" c="dimmed">
              {evidence.kind} · <Time value={evidence.createdAt} />
            </Text>
          </Group>
          <Table withTableBorder striped data-testid="restore-evidence-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("restoreRun.detail.evidenceColumns.item")}</Table.Th>
                <Table.Th>{t("restoreRun.detail.evidenceColumns.target")}</Table.Th>
                <Table.Th>{t("restoreRun.detail.evidenceColumns.expected")}</Table.Th>
                <Table.Th>{t("restoreRun.detail.evidenceColumns.actual")}</Table.Th>
                <Table.Th w={130}>{t("restoreRun.detail.evidenceColumns.match")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {evidence.items.map((item, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: verification rows have no id of their own.
                <Table.Tr key={index} data-testid="restore-evidence-item" data-match={item.match}>
                  <Table.Td>{item.restoreItem?.displayName ?? "—"}</Table.Td>
                  <Table.Td ff="monospace" style={{ wordBreak: "break-all" }}>
                    {item.targetProviderId ?? "—"}
                  </Table.Td>
                  <Table.Td>
                    <HashText hash={item.expectedHash} />
                  </Table.Td>
                  <Table.Td>
                    <HashText hash={item.actualHash} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={item.match ? "green" : "red"} variant="light" styles={unclippedLabel}>
                      {item.match ? t("restoreRun.detail.match") : t("restoreRun.detail.mismatch")}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function HashText({ hash }: { hash: string | null }) {
  if (!hash) return <>—</>;
  return (
    <Tooltip label={hash}>
      <Text size="xs" ff="monospace">
        {hash.slice(0, 12)}
      </Text>
    </Tooltip>
  );
}
