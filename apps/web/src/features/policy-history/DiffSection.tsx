import { Alert, Badge, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorMessage } from "../../graphql/errors";
import { DiffTable } from "./DiffTable";
import { PolicyVersionDiffQuery, type PolicyVersionSummary } from "./documents";
import { PayloadComparison } from "./PayloadComparison";

/** The changed settings between two versions, then (collapsed) both payloads side by side. */
export function DiffSection({ from, to }: { from: PolicyVersionSummary; to: PolicyVersionSummary }) {
  const { t } = useTranslation();
  const same = from.id === to.id;
  const [result] = useQuery({ query: PolicyVersionDiffQuery, variables: { fromId: from.id, toId: to.id }, pause: same });
  const diff = result.data?.policyVersionDiff;
  const changes = diff?.changes ?? [];

  return (
    <Card withBorder data-testid="diff-section">
      <Stack>
        <Group gap="sm">
          <Title order={4}>{t("policyHistory.diffTitle")}</Title>
          {diff && !same && (
            <Badge variant="light" data-testid="diff-count">
              {t("policyHistory.changeCount", { count: changes.length })}
            </Badge>
          )}
        </Group>
        {same ? (
          <Text c="dimmed" size="sm">
            {t("policyHistory.sameVersion")}
          </Text>
        ) : result.error ? (
          <Alert color="red">{errorMessage(result.error)}</Alert>
        ) : result.fetching && !diff ? (
          <Center>
            <Loader size="sm" />
          </Center>
        ) : changes.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="diff-empty">
            {t("policyHistory.noChanges")}
          </Text>
        ) : (
          <DiffTable changes={changes} />
        )}
        {!same && <PayloadComparison from={from} to={to} changedPaths={changes.map((change) => change.path)} />}
      </Stack>
    </Card>
  );
}
