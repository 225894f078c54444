import { Anchor, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useCallback, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useFormatters } from "../../i18n/useFormatters";
import { useSession } from "../../session/SessionProvider";
import { CompletenessBadge } from "../backups/CompletenessBadge";
import { OperationRunUpdatedSubscription } from "../run-detail/documents";
import { RunOutcomeBadge, RunStatusBadge } from "../operations/RunBadges";
import { BackupItemsSection } from "./BackupItemsSection";
import { CompletenessSection } from "./CompletenessSection";
import { BackupSetDetailQuery, isBackupSetDetail } from "./documents";
import { BaselineFromBackupButton } from "../baselines/BaselineFromBackupButton";
import { DownloadButtons } from "./DownloadButtons";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";
import { unclippedLabel } from "../shared/EnumBadge";
import { Time } from "../shared/Time";

export function BackupSetDetailPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { can } = useSession();
  const { id = "" } = useParams();
  const [result, reexecute] = useQuery({ query: BackupSetDetailQuery, variables: { id }, requestPolicy: "cache-and-network" });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const node = result.data?.node;
  const set = isBackupSetDetail(node) ? node : null;

  // While the set is capturing, its run's transitions tell when completeness is final.
  const lastRunState = useRef<string | null>(null);
  useSubscriptionEvents(
    OperationRunUpdatedSubscription,
    { id: set?.operationRun?.id ?? "" },
    ({ operationRunUpdated: run }) => {
      const state = `${run.status}|${run.outcome}`;
      const finishedUnseen = lastRunState.current === null && run.status === "COMPLETED";
      if (finishedUnseen || (lastRunState.current !== null && lastRunState.current !== state)) refetch();
      lastRunState.current = state;
    },
    !set?.operationRun || set.status !== "CAPTURING",
  );

  if (!set) {
    return (
      <DetailFallback
        result={result}
        notFoundTitle={t("backupDetail.notFound")}
        backTo="/backups"
        backLabel={t("backupDetail.backToBackups")}
        data-testid="backup-not-found"
      />
    );
  }

  return (
    <Stack data-testid="backup-detail" data-backup-id={set.id}>
      <DetailBreadcrumbs to="/backups" label={t("nav.backups")} current={set.name} />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} className="break-anywhere">
              {set.name}
            </Title>
            <CompletenessBadge set={set} size="lg" />
          </Group>
          <Group gap="md">
            <Text size="sm" c="dimmed">
              {set.environment?.name ?? "—"}
            </Text>
            <Badge variant="outline" color="gray" styles={unclippedLabel}>
              {t(`backups.trigger.${set.trigger}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t("backupDetail.createdAt")}: <Time value={set.createdAt} />
            </Text>
            <Text size="sm" c="dimmed">
              {t("backupDetail.completedAt")}: <Time value={set.completedAt} />
            </Text>
            <Text size="sm" c="dimmed">
              {t("backupDetail.items")}: {set.itemCount === null ? "—" : format.number(set.itemCount)}
            </Text>
          </Group>
          {set.operationRun && (
            <Group gap="xs">
              <Anchor component={Link} to={`/runs/${encodeURIComponent(set.operationRun.id)}`} size="sm" data-testid="backup-run-link">
                {t("backupDetail.run")}
              </Anchor>
              <RunStatusBadge status={set.operationRun.status} />
              {set.operationRun.status === "COMPLETED" && <RunOutcomeBadge outcome={set.operationRun.outcome} />}
            </Group>
          )}
        </Stack>
        <Group gap="xs">
          {can("restore.preview") && (
            <Button
              size="xs"
              component={Link}
              to={`/restore/new?${new URLSearchParams({ backupSet: set.id })}`}
              disabled={set.status !== "COMPLETED"}
              data-testid="backup-restore"
            >
              {t("backupDetail.restore")}
            </Button>
          )}
          {can("baseline.manage") && <BaselineFromBackupButton backupSetId={set.id} disabled={set.status === "CAPTURING"} />}
          <DownloadButtons backupSetId={set.id} disabled={set.status === "CAPTURING"} />
        </Group>
      </Group>
      <CompletenessSection set={set} />
      <BackupItemsSection backupSetId={set.id} itemCounts={set.itemCounts} refreshKey={`${set.status}|${set.itemCount}`} />
    </Stack>
  );
}
