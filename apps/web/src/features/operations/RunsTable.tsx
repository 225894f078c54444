import { Anchor, Badge, Group, Table, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { headlineSummaryCounts } from "../../graphql/summaryCounts";
import { useFormatters } from "../../i18n/useFormatters";
import type { RunRow } from "./documents";
import { RunOutcomeBadge, RunProgress, RunStatusBadge } from "./RunBadges";
import { useLabels } from "../../i18n/useLabels";
import { RunDuration, Time } from "../shared/Time";
import { StartedBy } from "./StartedBy";

export function RunsTable({ runs }: { runs: RunRow[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormatters();
  const navigate = useNavigate();

  return (
    <Table.ScrollContainer minWidth={1040} type="native" tabIndex={0}>
      <Table highlightOnHover striped data-testid="runs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("operations.columns.type")}</Table.Th>
            <Table.Th>{t("operations.columns.environment")}</Table.Th>
            <Table.Th>{t("operations.columns.status")}</Table.Th>
            <Table.Th>{t("operations.columns.outcome")}</Table.Th>
            <Table.Th>{t("operations.columns.progress")}</Table.Th>
            <Table.Th>{t("operations.columns.startedBy")}</Table.Th>
            <Table.Th>{t("operations.columns.createdAt")}</Table.Th>
            <Table.Th>{t("operations.columns.duration")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr
              key={run.id}
              data-testid={`run-row-${run.id}`}
              style={{ cursor: "pointer" }}
              onClick={() => navigate(`/runs/${encodeURIComponent(run.id)}`)}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/runs/${encodeURIComponent(run.id)}`}
                  onClick={(event) => event.stopPropagation()}
                  data-testid="run-link"
                  style={{ whiteSpace: "nowrap" }}
                  data-type={run.type}
                >
                  {labels.operationType(run.type)}
                </Anchor>
              </Table.Td>
              <Table.Td>{run.environment?.name ?? "—"}</Table.Td>
              <Table.Td>
                <RunStatusBadge status={run.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Group gap={4} wrap="nowrap">
                  <RunOutcomeBadge outcome={run.outcome} />
                  {run.proofGaps.length > 0 && (
                    <Tooltip label={run.proofGaps.map((gap) => labels.proofGapTitle(gap.code)).join(", ")}>
                      <Badge color="orange" variant="outline" data-testid="run-proof-gaps">
                        {t("operations.proofGapCount", { count: run.proofGaps.length })}
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
                {run.failure && (
                  <Text size="xs" c="red" mt={4} data-code={run.failure.reasonCode}>
                    {labels.reason(run.failure.reasonCode)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ maxWidth: 200 }}>
                {run.status === "RUNNING" ? (
                  <RunProgress progress={run.progress} />
                ) : (
                  <Text size="xs" c="dimmed">
                    {headlineSummaryCounts(run.summaryCounts)
                      .map((count) => `${labels.countKey(count.key)} ${format.number(count.value)}`)
                      .join(" · ")}
                  </Text>
                )}
              </Table.Td>
              <Table.Td data-testid="run-started-by">
                <StartedBy startedBy={run.startedBy} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Time value={run.createdAt} />
              </Table.Td>
              <Table.Td>
                <RunDuration run={run} active={run.status !== "COMPLETED"} size="xs" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
