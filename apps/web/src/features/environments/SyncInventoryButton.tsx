import { Anchor, Button, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMutation } from "urql";
import { errorMessage } from "../../graphql/errors";
import { describeRejection, interpretMutationResult } from "../../graphql/mutationResult";
import type { EnvironmentSummary } from "../../session/documents";
import { StartInventorySyncMutation } from "./documents";

export function SyncInventoryButton({ environment }: { environment: EnvironmentSummary }) {
  const { t } = useTranslation();
  const [{ fetching }, startInventorySync] = useMutation(StartInventorySyncMutation);

  async function handleClick() {
    const result = await startInventorySync({ input: { environmentId: environment.id } });
    if (result.error) {
      notifications.show({ color: "red", title: t("environments.syncFailed"), message: errorMessage(result.error) });
      return;
    }
    const outcome = interpretMutationResult(result.data?.startInventorySync, "StartOperationPayload", t("common.unexpectedError"));
    if (outcome.kind === "success") {
      const { run, deduplicated } = outcome.payload;
      notifications.show({
        color: deduplicated ? "blue" : "green",
        title: deduplicated ? t("environments.syncAlreadyRunning") : t("environments.syncStarted"),
        message: (
          <Stack gap={2}>
            <Text size="sm">{environment.name}</Text>
            <Anchor component={Link} to={`/runs/${encodeURIComponent(run.id)}`} size="sm" data-testid="sync-run-link">
              {t("environments.openRun")}
            </Anchor>
          </Stack>
        ),
      });
      return;
    }
    notifications.show({
      color: "red",
      title: t("environments.syncFailed"),
      message: outcome.kind === "rejected" ? describeRejection(outcome) : outcome.message,
    });
  }

  return (
    <Button size="xs" loading={fetching} onClick={handleClick} data-testid={`sync-${environment.name}`}>
      {t("environments.sync")}
    </Button>
  );
}
