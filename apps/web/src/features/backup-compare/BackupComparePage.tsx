import { Alert, Card, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { useFormatters } from "../../i18n/useFormatters";
import { useSession } from "../../session/SessionProvider";
import { PolicyChanges } from "../reviews/PolicyChanges";
import { DetailBreadcrumbs } from "../shared/DetailPage";
import { ComparableBackupsQuery, CompareBackupSetsQuery } from "./documents";

/** /backups/compare?left=&right=: any two finished backups of the selected tenant, what changed between them. */
export function BackupComparePage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { environment } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const left = searchParams.get("left");
  const right = searchParams.get("right");
  const [setsResult] = useQuery({
    query: ComparableBackupsQuery,
    variables: { environmentId: environment?.id ?? "" },
    pause: !environment,
  });
  const [comparison] = useQuery({
    query: CompareBackupSetsQuery,
    variables: { leftId: left ?? "", rightId: right ?? "" },
    pause: !left || !right || left === right,
  });
  const node = setsResult.data?.node;
  const sets = node?.__typename === "ManagedEnvironment" ? nodesOf(node.backupSets).filter((set) => set.status !== "CAPTURING") : [];
  const options = sets.map((set) => ({ value: set.id, label: `${set.name} · ${format.absolute(set.createdAt)}` }));
  const pick = (side: "left" | "right", value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(side, value);
    else next.delete(side);
    setSearchParams(next, { replace: true });
  };
  const result = comparison.data?.compareBackupSets;

  return (
    <Stack data-testid="backup-compare">
      <DetailBreadcrumbs to="/backups" label={t("nav.backups")} current={t("console.compare.title")} />
      <Title order={2}>{t("console.compare.title")}</Title>
      {!environment ? (
        <Text c="dimmed">{t("backups.noEnvironment")}</Text>
      ) : (
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t("console.compare.left")}
            data={options}
            value={left}
            onChange={(value) => pick("left", value)}
            searchable
            miw={240}
            data-testid="compare-left"
          />
          <Select
            label={t("console.compare.right")}
            data={options}
            value={right}
            onChange={(value) => pick("right", value)}
            searchable
            miw={240}
            data-testid="compare-right"
          />
        </Group>
      )}
      {left && right && left === right && <Text c="dimmed">{t("console.compare.same")}</Text>}
      {comparison.fetching && <Loader size="sm" />}
      {comparison.error && <Alert color="red">{errorMessage(comparison.error)}</Alert>}
      {result && result.__typename !== "BackupSetComparison" && "message" in result && <Alert color="red">{result.message}</Alert>}
      {result?.__typename === "BackupSetComparison" && (
        <Card withBorder data-testid="compare-result">
          <Stack gap="sm">
            <Text size="sm">
              {t("console.compare.fromTo", {
                earlier: `${result.earlier.name} (${format.absolute(result.earlier.createdAt)})`,
                later: `${result.later.name} (${format.absolute(result.later.createdAt)})`,
              })}
            </Text>
            <PolicyChanges policies={result.changes} emptyLabel={t("console.compare.noChanges")} />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
