import { Group, Stack, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { isRunDetailNode, OperationRunUpdatedSubscription, type RunDetail, RunDetailQuery } from "./documents";
import { EventTimeline } from "./EventTimeline";
import { overlayLiveRun, timelineKey } from "./liveRun";
import { ProofSection } from "./ProofSection";
import { RawContextSection } from "./RawContextSection";
import { RunActions } from "./RunActions";
import { RunOutcomeSection } from "./RunOutcomeSection";
import { RunOwnerLink } from "./RunOwnerLink";
import { useThrottledRefetch } from "./useThrottledRefetch";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";
import { useLabels } from "../../i18n/useLabels";

export function RunDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { id = "" } = useParams();
  const { viewer } = useSession();
  const [result, reexecute] = useQuery({
    query: RunDetailQuery,
    variables: { id },
    requestPolicy: "cache-and-network",
  });
  const [live, setLive] = useState<RunDetail | null>(null);
  useSubscriptionEvents(OperationRunUpdatedSubscription, { id }, (data) => setLive(data.operationRunUpdated), !id);

  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const node = result.data?.node;
  const run = isRunDetailNode(node) ? overlayLiveRun(node, live) : null;

  // Refetch the timeline when the run transitions (the subscription carries no events).
  const currentTimelineKey = run ? timelineKey(run) : null;
  const lastTimelineKey = useRef<string | null>(null);
  useEffect(() => {
    if (!currentTimelineKey) return;
    if (lastTimelineKey.current !== null && lastTimelineKey.current !== currentTimelineKey) refetch();
    lastTimelineKey.current = currentTimelineKey;
  }, [currentTimelineKey, refetch]);
  // While the run works, its steps (a line per object type read) arrive between transitions: the
  // timeline follows the run's changes, fetched at most every two seconds.
  useThrottledRefetch(run?.status === "RUNNING" ? run.updatedAt : null, refetch, 2000);

  if (!run) {
    return (
      <DetailFallback
        result={result}
        notFoundTitle={t("runDetail.notFoundTitle")}
        backTo="/operations"
        backLabel={t("runDetail.backToOperations")}
        data-testid="run-not-found"
      />
    );
  }

  const isSupport = result.data?.viewer.isSupport ?? false;
  const capabilities = viewer.memberships.find((m) => m.workspace.id === run.workspace.id)?.capabilities ?? [];
  return (
    <Stack data-testid="run-detail" data-run-id={run.id}>
      <DetailBreadcrumbs to="/operations" label={t("nav.operations")} current={labels.operationType(run.type)} />
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="run-title" data-type={run.type}>
            {labels.operationType(run.type)}
          </Title>
          <Text c="dimmed" size="sm">
            {run.environment?.name ?? t("runDetail.noEnvironment")}
          </Text>
          <RunOwnerLink restoreRun={run.restoreRun} backupSet={run.backupSet} />
        </div>
        <RunActions run={run} capabilities={capabilities} onChanged={refetch} />
      </Group>
      <RunOutcomeSection run={run} />
      <ProofSection run={run} />
      <EventTimeline events={nodesOf(run.events)} />
      {isSupport && run.rawContext && <RawContextSection rawContext={run.rawContext} />}
    </Stack>
  );
}
