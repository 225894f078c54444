import { Alert, Button, Center, Group, Loader, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { currentCursor, firstPage, nextPage, previousPage } from "../inventory/cursorStack";
import { OperationRunsChangedSubscription } from "../operations/documents";
import { BackUpNowButton } from "./BackUpNowButton";
import { BackupSetsTable } from "./BackupSetsTable";
import { shouldRefreshBackups } from "./backupRunWatch";
import { type BackupSetFilterInput, BackupSetsQuery } from "./documents";
import { ScheduleSection } from "./ScheduleSection";

export function BackupsPage() {
  const { t } = useTranslation();
  const { workspaceId, environment, can } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  // The selected environment by default; ?scope=all lists every environment's backups.
  const showAll = !environment || searchParams.get("scope") === "all";
  const environmentIds = showAll || !environment ? null : [environment.id];
  const environmentKey = environmentIds?.join(",") ?? "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the serialized ids.
  const filter = useMemo<BackupSetFilterInput>(() => (environmentIds ? { environmentIds } : {}), [environmentKey]);

  const [cursors, setCursors] = useState(firstPage);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on these values only.
  useEffect(() => setCursors(firstPage), [environmentKey, workspaceId]);

  const [result, reexecute] = useQuery({
    query: BackupSetsQuery,
    variables: { workspaceId: workspaceId ?? "", filter, after: currentCursor(cursors) },
    pause: !workspaceId,
    requestPolicy: "cache-and-network",
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);

  // A backup run that starts, completes or gets its proof changes the list: refetch then.
  const seenRuns = useRef(new Map<string, string>());
  useSubscriptionEvents(
    OperationRunsChangedSubscription,
    { workspaceId: workspaceId ?? "", environmentIds },
    (data) => {
      if (shouldRefreshBackups(seenRuns.current, data.operationRunsChanged)) refetch();
    },
    !workspaceId,
  );

  const connection = result.data?.backupSets;
  const sets = nodesOf(connection);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("backups.title")}</Title>
        <Group gap="sm">
          {environment && (
            <SegmentedControl
              size="xs"
              value={showAll ? "all" : "selected"}
              onChange={(value) => setSearchParams(value === "all" ? { scope: "all" } : {})}
              data={[
                { value: "selected", label: environment.name },
                { value: "all", label: t("backups.scopeAll") },
              ]}
              data-testid="backups-scope"
            />
          )}
          {environment && can("backup.run") && <BackUpNowButton environment={environment} />}
        </Group>
      </Group>
      {!environment && <Text c="dimmed">{t("backups.noEnvironment")}</Text>}
      {environment && !showAll && <ScheduleSection environment={environment} />}
      {connection && (
        <Text c="dimmed" size="sm" data-testid="backups-count">
          {t("backups.showing", { shown: String(sets.length), total: String(connection.totalCount) })}
        </Text>
      )}
      {result.error && <Alert color="red">{errorMessage(result.error)}</Alert>}
      {result.fetching && !connection ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : sets.length === 0 ? (
        !result.error && (
          <Text c="dimmed" data-testid="backups-empty">
            {t("backups.empty")}
          </Text>
        )
      ) : (
        <BackupSetsTable sets={sets} />
      )}
      {(cursors.length > 1 || connection?.pageInfo.hasNextPage) && (
        <Group justify="center">
          <Button variant="default" disabled={cursors.length <= 1} onClick={() => setCursors(previousPage)}>
            {t("common.previous")}
          </Button>
          <Text size="sm">{t("backups.page", { page: String(cursors.length) })}</Text>
          <Button
            variant="default"
            disabled={!connection?.pageInfo.hasNextPage}
            onClick={() => setCursors((stack) => nextPage(stack, connection?.pageInfo.endCursor ?? null))}
          >
            {t("common.next")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
