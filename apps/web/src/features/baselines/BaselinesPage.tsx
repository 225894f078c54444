import { Alert, Anchor, Stack, Table, Text, Title } from "@mantine/core";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { useFormatters } from "../../i18n/useFormatters";
import { useSession } from "../../session/SessionProvider";
import { type CursorStack, currentCursor, firstPage } from "../inventory/cursorStack";
import { CursorPager } from "../shared/CursorPager";
import { Time } from "../shared/Time";
import { TruncatedName } from "../shared/TruncatedName";
import { BaselineImport } from "./BaselineImport";
import { type BaselineRow, BaselinesQuery } from "./documents";

function BaselinesTable({ baselines }: { baselines: BaselineRow[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={720} type="native" tabIndex={0}>
      <Table striped highlightOnHover data-testid="baselines-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("baselines.columns.name")}</Table.Th>
            <Table.Th>{t("baselines.columns.latestVersion")}</Table.Th>
            <Table.Th>{t("baselines.columns.items")}</Table.Th>
            <Table.Th>{t("baselines.columns.environments")}</Table.Th>
            <Table.Th>{t("baselines.columns.updatedAt")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {baselines.map((baseline) => {
            const to = `/baselines/${encodeURIComponent(baseline.id)}`;
            return (
              <Table.Tr
                key={baseline.id}
                data-testid="baseline-row"
                data-name={baseline.name}
                style={{ cursor: "pointer" }}
                onClick={() => navigate(to)}
              >
                <Table.Td>
                  <TruncatedName name={baseline.name} maxWidth={280}>
                    <Anchor component={Link} to={to} fw={500} onClick={(event) => event.stopPropagation()} data-testid="baseline-link">
                      {baseline.name}
                    </Anchor>
                  </TruncatedName>
                </Table.Td>
                <Table.Td>{t("baselines.version", { number: String(baseline.latestVersion.number) })}</Table.Td>
                <Table.Td data-testid="baseline-item-count">{format.number(baseline.latestVersion.itemCount)}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="break-anywhere" data-testid="baseline-environments">
                    {baseline.environments.length > 0
                      ? baseline.environments.map((environment) => environment.name).join(", ")
                      : t("baselines.none")}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Time value={baseline.updatedAt} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /baselines: the workspace's baselines, newest first, and (for those who may) the import by drag and drop. */
export function BaselinesPage() {
  const { t } = useTranslation();
  const { workspaceId, can } = useSession();
  const [cursors, setCursors] = useState<CursorStack>(firstPage);
  const [result, reexecute] = useQuery({
    query: BaselinesQuery,
    variables: { workspaceId: workspaceId ?? "", after: currentCursor(cursors) },
    pause: !workspaceId,
    requestPolicy: "cache-and-network",
  });
  const refetch = useCallback(() => {
    setCursors(firstPage);
    reexecute({ requestPolicy: "network-only" });
  }, [reexecute]);
  const baselines = nodesOf(result.data?.baselines);

  return (
    <Stack>
      <div>
        <Title order={2}>{t("baselines.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("baselines.intro")}
        </Text>
      </div>
      {result.error && !result.data && <Alert color="red">{errorMessage(result.error)}</Alert>}
      {result.data && baselines.length === 0 && (
        <Text c="dimmed" data-testid="baselines-empty">
          {t("baselines.empty")}
        </Text>
      )}
      {baselines.length > 0 && <BaselinesTable baselines={baselines} />}
      <CursorPager cursors={cursors} onCursorsChange={setCursors} pageInfo={result.data?.baselines.pageInfo} />
      {can("baseline.manage") && <BaselineImport onImported={refetch} />}
    </Stack>
  );
}
