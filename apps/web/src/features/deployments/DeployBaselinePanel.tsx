import { Alert, Button, Group, MultiSelect, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMutation } from "urql";
import { useSession } from "../../session/SessionProvider";
import { restoreStepResult } from "../restores/mutationOutcome";
import { DeployBaselineMutation } from "./documents";
import { deploymentPath } from "./deploymentPaths";

/** Deploys a baseline's latest version to chosen environments (a dry run unless switched off), then opens the deployment. */
export function DeployBaselinePanel({ baselineId }: { baselineId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { environments, can } = useSession();
  const [chosen, setChosen] = useState<string[]>([]);
  const [dryRun, setDryRun] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, deploy] = useMutation(DeployBaselineMutation);
  // The server decides (live also needs restore.execute); this only hides what would surely be refused.
  if (!can("baseline.manage") || !can("restore.preview")) return null;
  const options = environments.map((environment) => ({ value: environment.id, label: environment.name }));

  async function handleDeploy() {
    setError(null);
    const response = await deploy({ input: { baselineId, environmentIds: chosen, dryRun } });
    const result = restoreStepResult(response.data?.deployBaseline, response.error, "BaselineDeploymentPayload", t);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    navigate(deploymentPath(result.payload.deployment.id));
  }

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t("deployments.deploy.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("deployments.deploy.hint")}
        </Text>
        <MultiSelect
          label={t("deployments.deploy.environments")}
          placeholder={chosen.length === 0 ? t("deployments.deploy.placeholder") : undefined}
          data={options}
          value={chosen}
          onChange={setChosen}
          searchable
          w={{ base: "100%", sm: 420 }}
          data-testid="deploy-environments"
        />
        <Switch
          checked={dryRun}
          onChange={(event) => setDryRun(event.currentTarget.checked)}
          label={t("deployments.deploy.dryRun")}
          data-testid="deploy-dry-run"
        />
        {error && (
          <Alert color="red" title={t("deployments.deploy.failed")} data-testid="deploy-error">
            {error}
          </Alert>
        )}
        <Group>
          <Button loading={fetching} disabled={chosen.length === 0} onClick={() => void handleDeploy()} data-testid="deploy-submit">
            {t("deployments.deploy.submit")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
