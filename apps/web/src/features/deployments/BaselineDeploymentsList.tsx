import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useSession } from "../../session/SessionProvider";
import { Time } from "../shared/Time";
import { deploymentPath } from "./deploymentPaths";
import { BaselineDeploymentsQuery } from "./documents";

/** The deployments of one baseline, newest first, each linking to its page. */
export function BaselineDeploymentsList({ baselineId }: { baselineId: string }) {
  const { t } = useTranslation();
  const { workspaceId } = useSession();
  const [result] = useQuery({
    query: BaselineDeploymentsQuery,
    variables: { workspaceId: workspaceId ?? "" },
    pause: !workspaceId,
    requestPolicy: "cache-and-network",
  });
  const deployments = (result.data?.baselineDeployments.edges ?? [])
    .map((edge) => edge.node)
    .filter((deployment) => deployment.baseline.id === baselineId);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t("deployments.list.title")}</Title>
        {deployments.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="baseline-deployments-empty">
            {t("deployments.list.empty")}
          </Text>
        )}
        {deployments.map((deployment) => (
          <Group key={deployment.id} justify="space-between" gap="xs" data-testid="baseline-deployment" data-state={deployment.state}>
            <Group gap="xs" wrap="wrap">
              <Badge variant="light">{t(`labels.baselineDeploymentState.${deployment.state}`)}</Badge>
              <Badge variant="outline" color={deployment.dryRun ? "gray" : "blue"}>
                {deployment.dryRun ? t("deployments.mode.dryRun") : t("deployments.mode.live")}
              </Badge>
              <Text size="sm">{t("deployments.list.environments", { count: deployment.targets.length })}</Text>
              <Time value={deployment.createdAt} />
            </Group>
            <Anchor component={Link} to={deploymentPath(deployment.id)} size="sm" data-testid="baseline-deployment-link">
              {t("deployments.list.open")}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
