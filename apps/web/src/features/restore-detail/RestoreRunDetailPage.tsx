import { Alert, Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { useAllPages } from "../../graphql/useAllPages";
import { useLabels } from "../../i18n/useLabels";
import { overlayLiveRun } from "../run-detail/liveRun";
import { RunReasonAlert } from "../run-detail/RunReasonAlert";
import { isRestoreRun, RestoreRunItemsQuery, RestoreRunQuery, restoreItemsOf } from "../restores/documents";
import { DryRunBadge, FrozenTargetBadge, RestoreStatusBadge } from "../restores/RestoreBadges";
import { restoreStage } from "../restores/restoreEnums";
import { useRunWatch } from "../restores/useRunWatch";
import { AttentionSection } from "./AttentionSection";
import { RestoreRunHistoryQuery, restoreHistoryOf } from "./historyDocuments";
import { RestoreHistoryTimeline } from "./RestoreHistoryTimeline";
import { shouldWatch } from "./primaryAction";
import { DryRunSummary } from "./DryRunSummary";
import { RestoreOutcomeTable } from "./RestoreOutcomeTable";
import { RestoreProofSection } from "./RestoreProofSection";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";
import { RunDuration, Time } from "../shared/Time";

const selectRestoreItems = (data: { node: Parameters<typeof restoreItemsOf>[0] }) => restoreItemsOf(data.node);
const selectHistory = (data: { node: Parameters<typeof restoreHistoryOf>[0] }) => restoreHistoryOf(data.node);

/** /restores/:id: result attention first, then every item's outcome, then the proof. */
export function RestoreRunDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
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
  // Every status move adds to the history: reload it when the status (or the run it follows) moves.
  const historyKey = run ? `${run.status}|${run.previewOperationRun?.status ?? ""}|${shownExecution?.status ?? ""}` : "";
  const history = useAllPages(RestoreRunHistoryQuery, run ? run.id : null, selectHistory, historyKey);

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

  // While planning, a preview the target refused or could not serve is why the run cannot go on.
  const preview = run.previewOperationRun;
  const stoppedPreview = restoreStage(run.status) === "planning" && preview?.status === "COMPLETED" ? preview : null;
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
                  {t(`restoreRun.detail.${moment}`)}: <Time value={run[moment]} />
                </Text>
              ),
          )}
          {run.startedAt && (
            // The execution's length (started to finished), counting up while it executes.
            <Text size="sm" c="dimmed" data-testid="restore-duration">
              {t("restoreRun.detail.duration")}:{" "}
              <RunDuration
                run={{ createdAt: run.startedAt, completedAt: run.completedAt }}
                active={restoreStage(run.status) === "executing"}
              />
            </Text>
          )}
          {run.operationRun && (
            <Text size="sm" c="dimmed">
              {t("restoreRun.detail.operationRun")}:{" "}
              <Anchor
                component={Link}
                to={`/runs/${encodeURIComponent(run.operationRun.id)}`}
                size="sm"
                underline="always"
                data-testid="restore-operation-run-link"
              >
                {labels.operationType(run.operationRun.type)}
              </Anchor>
            </Text>
          )}
        </Group>
        {run.failureReason && (
          <RunReasonAlert
            failure={run.failureReason}
            tone={run.operationRun?.outcome === "BLOCKED" ? "blocked" : "failed"}
            data-testid="restore-failure-reason"
          />
        )}
        {stoppedPreview?.failure && (
          <RunReasonAlert
            failure={stoppedPreview.failure}
            tone={stoppedPreview.outcome === "BLOCKED" ? "blocked" : "failed"}
            data-testid="restore-preview-reason"
          />
        )}
      </Stack>
      {run.dryRun && <DryRunSummary items={items.nodes} />}
      <AttentionSection run={run} executionRun={shownExecution} onChanged={refetch} />
      {items.error && <Alert color="red">{items.error}</Alert>}
      <RestoreOutcomeTable items={items.nodes} loading={items.loading} />
      <RestoreProofSection run={shownExecution} evidence={run.evidenceSnapshot} />
      <RestoreHistoryTimeline history={history} />
    </Stack>
  );
}
