import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMutation } from "urql";
import { errorMessage } from "../../graphql/errors";
import { useFormatters } from "../../i18n/useFormatters";
import { useLabels } from "../../i18n/useLabels";
import { useSession } from "../../session/SessionProvider";
import { RunProgress } from "../operations/RunBadges";
import { ReconcileOperationRunMutation, type RunDetail } from "../run-detail/documents";
import type { RestoreCounts, RestoreRun } from "../restores/documents";
import { AttentionStateBadge } from "../restores/RestoreBadges";
import { restoreStage } from "../restores/restoreEnums";
import { CancelRestoreButton } from "./CancelRestoreButton";
import { primaryActionFor } from "./primaryAction";

const countKeys = [
  "total",
  "succeeded",
  "partial",
  "failed",
  "skipped",
  "nonApplied",
  "foundationsSkipped",
] as const satisfies readonly (keyof RestoreCounts)[];

interface AttentionSectionProps {
  run: RestoreRun;
  /** The execution run, live while it runs. */
  executionRun: RunDetail | null;
  onChanged: () => void;
}

/** Comes first: what the restore achieved, what it may claim, and the one next step. */
export function AttentionSection({ run, executionRun, onChanged }: AttentionSectionProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { can } = useSession();
  const [reconcileState, reconcile] = useMutation(ReconcileOperationRunMutation);
  const attention = run.resultAttention;
  const worded = useLabels().attention(attention);
  const stage = restoreStage(run.status);
  const action = primaryActionFor({
    status: run.status,
    dryRun: run.dryRun,
    state: attention.state,
    capabilities: {
      reconcile: can("operations.reconcile") && Boolean(run.operationRun),
      plan: can("restore.preview"),
      execute: can("restore.execute"),
    },
  });
  const proven = attention.state === "COMPLETED";
  const wizardPath = (params: Record<string, string>) => `/restore/new?${new URLSearchParams(params)}`;

  async function recheck() {
    if (!run.operationRun) return;
    const result = await reconcile({ input: { runId: run.operationRun.id } });
    const payload = result.data?.reconcileOperationRun;
    if (result.error || !payload || payload.__typename !== "OperationRunPayload") {
      const message = result.error
        ? errorMessage(result.error)
        : payload && "message" in payload
          ? payload.message
          : t("common.unexpectedError");
      notifications.show({ color: "red", title: t("restoreRun.detail.actionFailed"), message });
      return;
    }
    notifications.show({ color: "green", message: t("restoreRun.detail.recheckDone") });
    onChanged();
  }

  const primaryButton = {
    continuePlanning: (
      <Button
        component={Link}
        to={wizardPath({ backupSet: run.sourceBackupSet?.id ?? "", run: run.id })}
        data-testid="restore-primary-action"
      >
        {t("restoreRun.detail.continueWizard")}
      </Button>
    ),
    recheckProof: (
      <Button onClick={recheck} loading={reconcileState.fetching} data-testid="restore-primary-action">
        {t("restoreRun.detail.recheck")}
      </Button>
    ),
    planLiveRestore: (
      <Button
        component={Link}
        to={wizardPath({ backupSet: run.sourceBackupSet?.id ?? "", target: run.environment.id, from: run.id })}
        data-testid="restore-primary-action"
      >
        {t("restoreRun.detail.restoreLive")}
      </Button>
    ),
    showItems: (
      <Button
        onClick={() => document.getElementById("restore-items")?.scrollIntoView({ behavior: "smooth" })}
        data-testid="restore-primary-action"
      >
        {t("restoreRun.detail.showItems")}
      </Button>
    ),
    none: null,
  }[action];

  return (
    <Card withBorder data-testid="restore-attention" data-state={attention.state} data-stage={stage}>
      <Stack>
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={4}>{t("restoreRun.detail.attentionTitle")}</Title>
            <AttentionStateBadge state={attention.state} size="lg" />
          </Group>
          {stage === "executing" && run.operationRun && <CancelRestoreButton runId={run.operationRun.id} onChanged={onChanged} />}
        </Group>
        <Text data-testid="restore-attention-summary">{worded.summary}</Text>
        {stage === "executing" && (
          <Stack gap={4} data-testid="restore-live">
            <Text size="sm" c="dimmed">
              {t("restoreRun.detail.live")}
            </Text>
            <RunProgress progress={executionRun?.progress ?? run.operationRun?.progress ?? null} />
          </Stack>
        )}
        <Alert
          color={proven ? "green" : "orange"}
          variant={proven ? "light" : "filled"}
          title={t("restoreRun.detail.claimBoundary")}
          data-testid="restore-claim-boundary"
          data-proven={proven}
        >
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {worded.claim}
            </Text>
            {!proven && stage === "final" && <Text size="xs">{t("restoreRun.detail.notProven")}</Text>}
          </Stack>
        </Alert>
        <Group gap="xl" align="flex-start">
          {(primaryButton || !proven) && (
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t("restoreRun.detail.nextAction")}
              </Text>
              <Group gap="sm">
                {primaryButton}
                <Text size="sm" data-testid="restore-next-action">
                  {worded.next}
                </Text>
              </Group>
            </Stack>
          )}
          {attention.primaryCauseFamily && (
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t("restoreRun.detail.causeFamily")}
              </Text>
              <Text size="sm" data-testid="restore-cause-family" data-code={attention.primaryCauseFamily}>
                {worded.cause}
              </Text>
            </Stack>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} data-testid="restore-counts">
          {countKeys.map((key) => (
            <Card key={key} withBorder padding="xs" data-testid={`restore-count-${key}`} data-value={run.counts[key]}>
              <Text size="xs" c="dimmed">
                {t(`restoreRun.detail.counts.${key}`)}
              </Text>
              <Text fw={700} size="lg">
                {format.number(run.counts[key])}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
