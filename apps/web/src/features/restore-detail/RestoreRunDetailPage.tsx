import { Alert, Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { useAllPages } from "../../graphql/useAllPages";
import { useFormatters } from "../../i18n/useFormatters";
import { overlayLiveRun } from "../run-detail/liveRun";
import { isRestoreRun, RestoreRunItemsQuery, RestoreRunQuery, restoreItemsOf } from "../restores/documents";
import { DryRunBadge, FrozenTargetBadge, RestoreStatusBadge } from "../restores/RestoreBadges";
import { useRunWatch } from "../restores/useRunWatch";
import { AttentionSection } from "./AttentionSection";
import { shouldWatch } from "./primaryAction";
import { RestoreOutcomeTable } from "./RestoreOutcomeTable";
import { RestoreProofSection } from "./RestoreProofSection";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";

const selectRestoreItems = (data: { node: Parameters<typeof restoreItemsOf>[0] }) => restoreItemsOf(data.node);

/** /restores/:id: result attention first, then every item's outcome, then the proof. */
export function RestoreRunDetailPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { id = "" } = useParams();
  const [result, reexecute] = useQuery({ query: RestoreRunQuery, variables: { id }, requestPolicy: "cache-and-network" });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const node = result.data?.node;
  const run = isRestoreRun(node) ? node : null;

  const executionRun = run?.operationRun ?? null;
  const watching = run
    ? shouldWatch(run.status, executionRun && { status: executionRun.status, decision: executionRun.reconciliation?.decision ?? null })
    : false;
  const live = useRunWatch(executionRun?.id ?? null, watching, refetch);
  const shownExecution = executionRun ? overlayLiveRun(executionRun, live) : null;

  const itemsKey = run ? `${run.status}|${JSON.stringify(run.counts)}|${run.evidenceSnapshot?.id ?? ""}` : "";
  const items = useAllPages(RestoreRunItemsQuery, run ? run.id : null, selectRestoreItems, itemsKey);

  if (!run) {
    return (
      <DetailFallback
        result={result}
        notFoundTitle={t("restoreRun.detail.notFound")}
        backTo="/restores"
        backLabel={t("restoreRun.detail.backToList")}
        data-testid="restore-not-found"
      />
    );
  }

  return (
    <Stack data-testid="restore-detail" data-restore-id={run.id} data-status={run.status}>
      <DetailBreadcrumbs to="/restores" label={t("nav.restores")} current={run.targetLabel} />
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={2}>{t("restoreRun.detail.title", { name: run.targetLabel })}</Title>
          <RestoreStatusBadge status={run.status} size="lg" />
        </Group>
        <Group gap="md">
          <FrozenTargetBadge name={run.targetLabel} dryRun={run.dryRun} />
          <DryRunBadge dryRun={run.dryRun} />
          {run.sourceBackupSet && (
            <Text size="sm" c="dimmed">
              {t("restoreRun.detail.source")}:{" "}
              <Anchor component={Link} to={`/backups/${encodeURIComponent(run.sourceBackupSet.id)}`} size="sm">
                {run.sourceBackupSet.name}
              </Anchor>
            </Text>
          )}
          {(["createdAt", "confirmedAt", "startedAt", "completedAt"] as const).map(
            (moment) =>
              run[moment] && (
                <Text key={moment} size="sm" c="dimmed">
                  {t(`restoreRun.detail.${moment}`)}: {format.dateTime(run[moment])}
                </Text>
              ),
          )}
        </Group>
        {run.failureReason && (
          <Alert color="red" title={t("restoreRun.detail.failureReason")} data-testid="restore-failure-reason">
            {run.failureReason.message} ({run.failureReason.reasonCode})
          </Alert>
        )}
      </Stack>
      <AttentionSection run={run} executionRun={shownExecution} onChanged={refetch} />
      {items.error && <Alert color="red">{items.error}</Alert>}
      <RestoreOutcomeTable items={items.nodes} loading={items.loading} />
      <RestoreProofSection run={shownExecution} evidence={run.evidenceSnapshot} />
    </Stack>
  );
}
