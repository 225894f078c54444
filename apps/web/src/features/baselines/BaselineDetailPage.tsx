import { Button, Center, Loader, Paper, Stack, Table, Title } from "@mantine/core";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useQuery } from "urql";
import { useFormatters } from "../../i18n/useFormatters";
import { BaselineDeploymentsList } from "../deployments/BaselineDeploymentsList";
import { DeployBaselinePanel } from "../deployments/DeployBaselinePanel";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";
import { Time } from "../shared/Time";
import { BaselineAssignments } from "./BaselineAssignments";
import { type BaselineDetail, BaselineQuery, BaselineVersionQuery } from "./documents";
import { VersionChanges } from "./VersionChanges";
import { VersionContent } from "./VersionContent";

const ORIGINS = ["backup", "import", "edit"] as const;
const originKey = (origin: string) => ((ORIGINS as readonly string[]).includes(origin) ? (origin as (typeof ORIGINS)[number]) : null);

function VersionsTable({ baseline, shownId, onShow }: { baseline: BaselineDetail; shownId: string; onShow: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Table.ScrollContainer minWidth={560} type="native" tabIndex={0}>
      <Table striped data-testid="baseline-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("baselines.detail.number")}</Table.Th>
            <Table.Th>{t("baselines.detail.origin")}</Table.Th>
            <Table.Th>{t("baselines.detail.items")}</Table.Th>
            <Table.Th>{t("baselines.detail.createdAt")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {baseline.versions.map((version) => {
            const origin = originKey(version.origin);
            return (
              <Table.Tr key={version.id} data-testid="baseline-version" data-number={version.number}>
                <Table.Td>{format.number(version.number)}</Table.Td>
                <Table.Td>{origin ? t(`baselines.origin.${origin}`) : version.origin}</Table.Td>
                <Table.Td>{format.number(version.itemCount)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Time value={version.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant={version.id === shownId ? "light" : "subtle"}
                    onClick={() => onShow(version.id)}
                    aria-pressed={version.id === shownId}
                  >
                    {t("baselines.detail.showItems")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The objects of one version, loaded when it is shown. */
function VersionObjects({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const [result] = useQuery({ query: BaselineVersionQuery, variables: { id: versionId } });
  const version = result.data?.node?.__typename === "BaselineVersion" ? result.data.node : null;
  if (!version) {
    return result.fetching ? (
      <Center>
        <Loader size="sm" />
      </Center>
    ) : null;
  }
  return (
    <Stack gap="md">
      <VersionContent version={version} title={t("baselines.detail.objectsOf", { number: String(version.number) })} />
      {version.diff && <VersionChanges diff={version.diff} number={version.number} />}
    </Stack>
  );
}

/** /baselines/:id: where the baseline applies (with drift checks), its deployments, its versions and each version's objects. */
export function BaselineDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [result, reexecute] = useQuery({ query: BaselineQuery, variables: { id }, requestPolicy: "cache-and-network" });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const [shownId, setShownId] = useState<string | null>(null);
  const baseline = result.data?.node?.__typename === "Baseline" ? result.data.node : null;
  if (!baseline) {
    return (
      <DetailFallback
        result={result}
        notFoundTitle={t("baselines.detail.notFound")}
        backTo="/baselines"
        backLabel={t("baselines.detail.back")}
        data-testid="baseline-not-found"
      />
    );
  }
  const shown = shownId ?? baseline.versions[0]?.id ?? null;
  return (
    <Stack data-testid="baseline-detail">
      <DetailBreadcrumbs to="/baselines" label={t("baselines.title")} current={baseline.name} />
      <Title order={2} className="break-anywhere">
        {baseline.name}
      </Title>
      <BaselineAssignments baseline={baseline} onChanged={refetch} />
      <DeployBaselinePanel baselineId={baseline.id} />
      <BaselineDeploymentsList baselineId={baseline.id} />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={3}>{t("baselines.detail.versions")}</Title>
          <VersionsTable baseline={baseline} shownId={shown ?? ""} onShow={setShownId} />
          {shown && <VersionObjects versionId={shown} />}
        </Stack>
      </Paper>
    </Stack>
  );
}
