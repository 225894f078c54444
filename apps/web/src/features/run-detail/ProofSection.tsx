import { Card, Group, Spoiler, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type ApiParams, useLabels } from "../../i18n/useLabels";
import { ReconciliationDecisionBadge, RunOutcomeBadge } from "../operations/RunBadges";
import type { ProofGap, RunDetail } from "./documents";
import { Time } from "../shared/Time";

/** Proof comes second: what the reconciliation adapter could (not) prove from domain records. */
export function ProofSection({ run }: { run: RunDetail }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const reconciliation = run.reconciliation;

  return (
    <Card withBorder data-testid="run-proof-section">
      <Stack>
        <Title order={4}>{t("runDetail.proofTitle")}</Title>
        {!reconciliation ? (
          <Text size="sm" c="dimmed" data-testid="reconciliation-pending">
            {t("runDetail.notEvaluated")}
          </Text>
        ) : (
          <>
            <Group gap="md">
              <ReconciliationDecisionBadge decision={reconciliation.decision} outcome={reconciliation.outcome} />
              {reconciliation.outcome && <RunOutcomeBadge outcome={reconciliation.outcome} />}
              {reconciliation.reasonCode && (
                <Text size="sm" data-testid="reconciliation-reason" data-code={reconciliation.reasonCode}>
                  {labels.reason(reconciliation.reasonCode)}
                </Text>
              )}
            </Group>
            <Group gap="xl">
              <Text size="xs" c="dimmed">
                {t("runDetail.adapter")}: {labels.adapter(reconciliation.adapter, reconciliation.adapterVersion)}
              </Text>
              <Text size="xs" c="dimmed">
                {t("runDetail.evaluatedAt")}: <Time value={reconciliation.evaluatedAt} />
              </Text>
            </Group>
            <Text fw={500} size="sm">
              {t("runDetail.evidence")}
            </Text>
            {reconciliation.evidence.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("runDetail.noEvidence")}
              </Text>
            ) : (
              // An inventory proof lists one entry per object type and policy: fold it so the
              // proof gaps and the timeline stay in view.
              <Spoiler maxHeight={260} showLabel={t("runDetail.showAllEvidence")} hideLabel={t("runDetail.showLessEvidence")}>
                <Table.ScrollContainer minWidth={420} type="native" tabIndex={0}>
                  <Table withTableBorder data-testid="reconciliation-evidence">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("runDetail.evidenceKind")}</Table.Th>
                        <Table.Th>{t("runDetail.evidenceId")}</Table.Th>
                        <Table.Th>{t("runDetail.evidenceValue")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {reconciliation.evidence.map((item, index) => (
                        // Evidence entries have no id of their own; position is stable per evaluation.
                        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                        <Table.Tr key={index}>
                          <Table.Td>{item.kind}</Table.Td>
                          <Table.Td ff="monospace">{item.id ?? "—"}</Table.Td>
                          <Table.Td ff="monospace">{item.value ?? "—"}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Spoiler>
            )}
          </>
        )}
        <ProofGapTable gaps={run.proofGaps} />
      </Stack>
    </Card>
  );
}

/** The proof gaps of a run; `testId` names the table ("<testId>-empty" when there are none). */
export function ProofGapTable({
  gaps,
  testId = "proof-gaps",
  rowTestId,
}: {
  gaps: (Omit<ProofGap, "params"> & { params?: ApiParams })[];
  testId?: string;
  rowTestId?: string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <>
      <Text fw={500} size="sm">
        {t("runDetail.proofGaps")}
      </Text>
      {gaps.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>
          {t("runDetail.noProofGaps")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520} type="native" tabIndex={0}>
          <Table withTableBorder data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={220}>{t("runDetail.gapCode")}</Table.Th>
                <Table.Th>{t("runDetail.gapMessage")}</Table.Th>
                <Table.Th>{t("runDetail.gapNext")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {gaps.map((gap, index) => {
                const label = labels.proofGap(gap);
                return (
                  // Several gaps of one code (one per object type) are normal; their order is stable.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                  <Table.Tr key={`${gap.code}-${index}`} data-testid={rowTestId} data-code={gap.code}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {label.title}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {gap.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>{label.explanation}</Table.Td>
                    <Table.Td>{label.next ?? gap.expectedEvidence ?? "—"}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
