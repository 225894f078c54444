import { Alert, Anchor, Breadcrumbs, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { isRunDetailNode, OperationRunUpdatedSubscription, type RunDetail, RunDetailQuery } from "./documents";
import { EventTimeline } from "./EventTimeline";
import { overlayLiveRun, timelineKey } from "./liveRun";
import { ProofSection } from "./ProofSection";
import { RawContextSection } from "./RawContextSection";
import { RunActions } from "./RunActions";
import { RunOutcomeSection } from "./RunOutcomeSection";

export function RunDetailPage() {
  const { t } = useTranslation();
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

  if (!result.data && result.fetching) {
    return (
      <Center>
        <Loader />
      </Center>
    );
  }
  if (result.error && !result.data) {
    return <Alert color="red">{errorMessage(result.error)}</Alert>;
  }
  if (!run) {
    // Absent and not-visible runs are indistinguishable by design (the API returns null for both).
    return (
      <Alert color="gray" title={t("runDetail.notFoundTitle")} data-testid="run-not-found">
        <Anchor component={Link} to="/operations">
          {t("runDetail.backToOperations")}
        </Anchor>
      </Alert>
    );
  }

  const isSupport = result.data?.viewer.isSupport ?? false;
  const capabilities = viewer.memberships.find((m) => m.workspace.id === run.workspace.id)?.capabilities ?? [];
  return (
    <Stack data-testid="run-detail" data-run-id={run.id}>
      <Breadcrumbs>
        <Anchor component={Link} to="/operations">
          {t("nav.operations")}
        </Anchor>
        <Text>{run.type}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{run.type}</Title>
          <Text c="dimmed" size="sm">
            {run.environment?.name ?? t("runDetail.noEnvironment")}
          </Text>
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
