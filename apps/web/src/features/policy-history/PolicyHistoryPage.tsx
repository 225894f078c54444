import { Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { DiffSection } from "./DiffSection";
import { isPolicyVersion, PolicyVersionHistoryQuery } from "./documents";
import { pickVersionPair } from "./versionPair";
import { VersionTable } from "./VersionTable";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";
import { useLabels } from "../../i18n/useLabels";

/** /versions/:id — the history of the policy this version belongs to, and a diff of two versions. */
export function PolicyHistoryPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { id = "" } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const [result] = useQuery({ query: PolicyVersionHistoryQuery, variables: { id }, requestPolicy: "cache-and-network" });
  const node = result.data?.node;
  const version = isPolicyVersion(node) ? node : null;

  if (!version) {
    return (
      <DetailFallback
        result={result}
        notFoundTitle={t("policyHistory.notFound")}
        backTo="/backups"
        backLabel={t("backupDetail.backToBackups")}
        data-testid="version-not-found"
      />
    );
  }

  const history = version.history;
  const { fromId, toId } = pickVersionPair(history, searchParams.get("from"), searchParams.get("to"));
  const from = history.find((entry) => entry.id === fromId);
  const to = history.find((entry) => entry.id === toId);

  function pick(side: "from" | "to", versionId: string) {
    const next = new URLSearchParams(searchParams);
    if (fromId) next.set("from", fromId);
    if (toId) next.set("to", toId);
    next.set(side, versionId);
    setSearchParams(next, { replace: true });
  }

  return (
    <Stack data-testid="policy-history" data-version-id={version.id}>
      <DetailBreadcrumbs to="/backups" label={t("nav.backups")} current={version.displayName} />
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t("policyHistory.title", { name: version.displayName })}</Title>
        <Text size="sm" c="dimmed">
          {labels.objectType(version.objectType)} ·{" "}
          <Text span ff="monospace" size="xs">
            {version.providerId}
          </Text>
        </Text>
      </Group>
      <Card withBorder>
        <Stack gap="sm">
          <Title order={4}>{t("policyHistory.versionsTitle")}</Title>
          <VersionTable versions={history} openedId={version.id} fromId={fromId} toId={toId} onPick={pick} />
        </Stack>
      </Card>
      {from && to ? (
        <DiffSection from={from} to={to} />
      ) : (
        <Text c="dimmed" data-testid="diff-only-one">
          {t("policyHistory.onlyOne")}
        </Text>
      )}
    </Stack>
  );
}
