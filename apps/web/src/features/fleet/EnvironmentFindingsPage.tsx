import { Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { type CursorStack, currentCursor, firstPage } from "../inventory/cursorStack";
import { OperationRunsChangedSubscription } from "../operations/documents";
import { CursorPager } from "../shared/CursorPager";
import { restoreStepResult } from "../restores/mutationOutcome";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";
import { AcceptDriftModal } from "./AcceptDriftModal";
import { CheckDriftButton } from "./CheckDriftButton";
import { type DriftFindingRow, EnvironmentDriftFindingsQuery, RevertDriftMutation } from "./documents";
import { FindingCard } from "./FindingCard";
import { DRIFT_CHECK_RUN_TYPE } from "./FleetPage";

type Shown = "open" | "all";

/** /fleet/environments/:id: the drift findings of one environment, open ones first, with accept and revert. */
export function EnvironmentFindingsPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { workspaceId, can } = useSession();
  const [shown, setShown] = useState<Shown>("open");
  const [cursors, setCursors] = useState<CursorStack>(firstPage);
  const [accepting, setAccepting] = useState<DriftFindingRow | null>(null);
  const [revertingId, setRevertingId] = useState<string | null>(null);
  const [result, reexecute] = useQuery({
    query: EnvironmentDriftFindingsQuery,
    variables: {
      workspaceId: workspaceId ?? "",
      environmentId: id,
      filter: { environmentIds: [id], states: shown === "open" ? ["OPEN"] : null },
      after: currentCursor(cursors),
    },
    pause: !workspaceId,
    requestPolicy: "cache-and-network",
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const [, revert] = useMutation(RevertDriftMutation);

  // A finished drift check of this environment may have found, updated or resolved findings.
  useSubscriptionEvents(
    OperationRunsChangedSubscription,
    { workspaceId: workspaceId ?? "", environmentIds: [id] },
    (data) => {
      const run = data.operationRunsChanged;
      if (run.type === DRIFT_CHECK_RUN_TYPE && run.status === "COMPLETED") refetch();
    },
    !workspaceId || !id,
  );

  const environment = result.data?.environment?.__typename === "ManagedEnvironment" ? result.data.environment : null;
  if (!environment) {
    return (
      <DetailFallback
        result={result}
        notFoundTitle={t("fleet.findings.notFound")}
        backTo="/fleet"
        backLabel={t("fleet.findings.back")}
        data-testid="findings-not-found"
      />
    );
  }

  /** Opens the restore wizard on the run the revert planned: preview and typed confirmation follow there. */
  async function handleRevert(finding: DriftFindingRow) {
    setRevertingId(finding.id);
    const response = await revert({ input: { findingIds: [finding.id] } });
    setRevertingId(null);
    const result = restoreStepResult(response.data?.revertDrift, response.error, "RevertDriftPayload", t);
    if (!result.ok) {
      notifications.show({ color: "red", title: t("fleet.findings.revertFailed"), message: result.message });
      return;
    }
    const run = result.payload.restoreRun;
    const params = new URLSearchParams({ run: run.id });
    if (run.sourceBackupSet) params.set("backupSet", run.sourceBackupSet.id);
    navigate(`/restore/new?${params.toString()}`);
  }

  const findings = nodesOf(result.data?.driftFindings);
  const canAccept = can("baseline.manage");
  const canRevert = can("restore.preview");

  return (
    <Stack>
      <DetailBreadcrumbs to="/fleet" label={t("fleet.title")} current={environment.name} />
      <Group justify="space-between" align="flex-start">
        <Title order={2} data-testid="findings-title">
          {t("fleet.findings.title", { environment: environment.name })}
        </Title>
        {canAccept && <CheckDriftButton environment={environment} />}
      </Group>
      <Group gap="xs">
        <Text size="sm">{t("fleet.findings.show")}</Text>
        <SegmentedControl
          size="xs"
          value={shown}
          onChange={(value) => {
            setShown(value as Shown);
            setCursors(firstPage);
          }}
          data={[
            { value: "open", label: t("fleet.findings.showOpen") },
            { value: "all", label: t("fleet.findings.showAll") },
          ]}
          data-testid="findings-shown"
        />
      </Group>
      {findings.length === 0 && !result.fetching && (
        <Text c="dimmed" data-testid="findings-empty">
          {shown === "open" ? t("fleet.findings.empty") : t("fleet.findings.emptyAll")}
        </Text>
      )}
      <Stack gap="sm" data-testid="drift-findings">
        {findings.map((finding) => (
          <FindingCard
            key={finding.id}
            finding={finding}
            canAccept={canAccept}
            canRevert={canRevert}
            reverting={revertingId === finding.id}
            onAccept={setAccepting}
            onRevert={(chosen) => void handleRevert(chosen)}
          />
        ))}
      </Stack>
      <CursorPager cursors={cursors} onCursorsChange={setCursors} pageInfo={result.data?.driftFindings?.pageInfo} />
      <AcceptDriftModal
        finding={accepting}
        onClose={() => setAccepting(null)}
        onAccepted={() => {
          setAccepting(null);
          refetch();
        }}
      />
    </Stack>
  );
}
