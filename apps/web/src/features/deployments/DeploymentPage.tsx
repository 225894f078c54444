import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { useSession } from "../../session/SessionProvider";
import { restoreStepResult } from "../restores/mutationOutcome";
import { DetailBreadcrumbs, DetailFallback } from "../shared/DetailPage";
import { Time } from "../shared/Time";
import { ACTIVE_DEPLOYMENT_STATES } from "./deploymentPaths";
import { DeploymentTargetsTable } from "./DeploymentTargetsTable";
import { ApproveBaselineDeploymentMutation, BaselineDeploymentQuery, type DeploymentDetail } from "./documents";

// Previews and executions take seconds to minutes; polling stops when they end, or after about 20 minutes.
const POLL_MS = 2_000;
const MAX_POLLS = 600;

/** Reloads the deployment every POLL_MS while it still changes by itself, a bounded number of times. */
function useLiveDeployment(state: string | null, refetch: () => void) {
  const polls = useRef(0);
  useEffect(() => {
    if (state === null || !ACTIVE_DEPLOYMENT_STATES.includes(state) || polls.current >= MAX_POLLS) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      refetch();
    }, POLL_MS);
    return () => clearTimeout(timer);
  });
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" className="break-anywhere">
        {children}
      </Text>
    </Stack>
  );
}

function DeploymentFacts({ deployment }: { deployment: DeploymentDetail }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <Fact label={t("deployments.detail.state")}>
        <Badge variant="light" data-testid="deployment-state" data-state={deployment.state}>
          {t(`labels.baselineDeploymentState.${deployment.state}`)}
        </Badge>
      </Fact>
      <Fact label={t("deployments.detail.mode")} testId="deployment-mode">
        {deployment.dryRun ? t("deployments.mode.dryRun") : t("deployments.mode.live")}
      </Fact>
      <Fact label={t("deployments.detail.version")}>{deployment.baselineVersion.number}</Fact>
      <Fact label={t("deployments.detail.proof")}>
        <span data-testid="deployment-proven" data-proven={String(deployment.proven)}>
          {deployment.proven ? t("deployments.detail.proven") : t("deployments.detail.notProven")}
        </span>
      </Fact>
      <Fact label={t("deployments.detail.requestedBy")} testId="deployment-requested-by">
        {deployment.requestedBy ?? "—"}
      </Fact>
      <Fact label={t("deployments.detail.approvedBy")} testId="deployment-approved-by">
        {deployment.approvedBy ?? t("deployments.detail.notApproved")}
      </Fact>
      <Fact label={t("deployments.detail.approvedAt")}>
        <Time value={deployment.approvedAt} />
      </Fact>
    </SimpleGrid>
  );
}

/** Approves a live deployment awaiting approval; the server's refusal (own request, still previewing) is shown as it says. */
function ApproveDeployment({ deployment, onApproved }: { deployment: DeploymentDetail; onApproved: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [{ fetching }, approve] = useMutation(ApproveBaselineDeploymentMutation);
  if (!can("deployment.approve") || deployment.dryRun || deployment.approvedBy !== null) return null;
  if (deployment.state !== "AWAITING_APPROVAL" && deployment.state !== "PREVIEWING") return null;

  async function handleApprove() {
    setRefusal(null);
    const response = await approve({ input: { deploymentId: deployment.id } });
    const result = restoreStepResult(response.data?.approveBaselineDeployment, response.error, "BaselineDeploymentPayload", t);
    if (!result.ok) {
      setRefusal(result.message);
      return;
    }
    notifications.show({ color: "green", title: t("deployments.detail.approved"), message: deployment.baseline.name });
    onApproved();
  }

  return (
    <Stack gap="xs">
      {refusal && (
        <Alert color="red" title={t("deployments.detail.refused")} data-testid="deployment-approve-error">
          {refusal}
        </Alert>
      )}
      <Group>
        <Button loading={fetching} onClick={() => void handleApprove()} data-testid="deployment-approve">
          {t("deployments.detail.approve")}
        </Button>
      </Group>
    </Stack>
  );
}

/** /deployments/:id: a baseline deployment's state and approval, and per tenant its preview, outcome, proof and restore. */
export function DeploymentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [result, reexecute] = useQuery({ query: BaselineDeploymentQuery, variables: { id }, requestPolicy: "cache-and-network" });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const deployment = result.data?.node?.__typename === "BaselineDeployment" ? result.data.node : null;
  useLiveDeployment(deployment?.state ?? null, refetch);
  if (!deployment) {
    return (
      <DetailFallback
        result={result}
        notFoundTitle={t("deployments.detail.notFound")}
        backTo="/baselines"
        backLabel={t("baselines.detail.back")}
        data-testid="deployment-not-found"
      />
    );
  }
  const live = ACTIVE_DEPLOYMENT_STATES.includes(deployment.state);
  return (
    <Stack data-testid="deployment-detail">
      <DetailBreadcrumbs
        to={`/baselines/${encodeURIComponent(deployment.baseline.id)}`}
        label={t("deployments.detail.baseline")}
        current={t("deployments.detail.crumb")}
      />
      <Title order={2} className="break-anywhere">
        {t("deployments.detail.title", { name: deployment.baseline.name })}
      </Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <DeploymentFacts deployment={deployment} />
          {live && (
            <Text size="xs" c="dimmed">
              {t("deployments.detail.live")}
            </Text>
          )}
          <ApproveDeployment deployment={deployment} onApproved={refetch} />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={3}>{t("deployments.detail.targets")}</Title>
          <DeploymentTargetsTable deployment={deployment} />
        </Stack>
      </Paper>
    </Stack>
  );
}
