import { Alert, Anchor, Breadcrumbs, Center, Group, Loader, Stack, Stepper, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { errorMessage } from "../../graphql/errors";
import { useAllPages } from "../../graphql/useAllPages";
import { useSession } from "../../session/SessionProvider";
import { isRestoreRun, type RestoreRun, RestoreRunItemsQuery, RestoreRunQuery, restoreItemsOf } from "../restores/documents";
import { DryRunBadge, FrozenTargetBadge, RestoreStatusBadge } from "../restores/RestoreBadges";
import { restoreStage } from "../restores/restoreEnums";
import { useRunWatch } from "../restores/useRunWatch";
import { overlayLiveRun } from "../run-detail/liveRun";
import { ChecksStep } from "./ChecksStep";
import { ConfirmStep } from "./ConfirmStep";
import { PreviewStep } from "./PreviewStep";
import { ScopeStep } from "./ScopeStep";
import { SourceStep } from "./SourceStep";
import { reachableStep, type WizardStep, wizardSteps } from "./wizardSteps";

const selectRestoreItems = (data: { node: Parameters<typeof restoreItemsOf>[0] }) => restoreItemsOf(data.node);

/**
 * /restore/new?backupSet=<id>[&run=<restoreRunId>][&target=<environmentId>]: the five wizard
 * steps. Each step is a server mutation; the restore run's status says which later steps still
 * hold (the server resets them when an earlier one changes), so the wizard follows the status.
 */
export function RestoreWizardPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const runId = searchParams.get("run");
  const backupSetParam = searchParams.get("backupSet");
  // "Restore this version" opens the wizard with its backup item in scope (kept until the scope is saved).
  const itemsParam = searchParams.get("items");
  // "Plan a live restore from this dry run" opens the wizard with the dry run's source, target and scope.
  const fromParam = searchParams.get("from");
  const fromItems = useAllPages(RestoreRunItemsQuery, fromParam, selectRestoreItems);
  const [fromResult] = useQuery({ query: RestoreRunQuery, variables: { id: fromParam ?? "" }, pause: !fromParam });
  const fromRun = fromParam && isRestoreRun(fromResult.data?.node) ? fromResult.data.node : null;
  // The scope a new run starts with, items and mode together (null while the dry run's scope loads).
  const preselected = useMemo(() => {
    if (itemsParam) return { itemIds: itemsParam.split(","), mode: null };
    if (!fromParam) return { itemIds: [], mode: null };
    if (!fromItems.nodes || !fromRun) return null;
    return { itemIds: fromItems.nodes.map((item) => item.backupItem.id), mode: fromRun.scopeMode };
  }, [itemsParam, fromParam, fromItems.nodes, fromRun]);

  const [result, reexecute] = useQuery({
    query: RestoreRunQuery,
    variables: { id: runId ?? "" },
    pause: !runId,
    requestPolicy: "cache-and-network",
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const run = runId && isRestoreRun(result.data?.node) ? result.data.node : null;
  const status = run?.status ?? null;
  const reachable = reachableStep(status);

  // The preview run reports progress live; when it ends, the run's checks and plan are fetched.
  const previewRun = run?.previewOperationRun ?? null;
  const livePreview = useRunWatch(previewRun?.id ?? null, Boolean(previewRun && previewRun.status !== "COMPLETED"), refetch);
  // The live state only while it is at least as new as the query's: a refetch that already shows the
  // preview completed must not be hidden by the last progress event before completion.
  const previewState = previewRun ? overlayLiveRun(previewRun, livePreview) : null;
  // One response reads the restore run, then its preview run: it can hold the preview run completed and
  // the restore run (status, checks) from just before. The preview's result is written before its run
  // completes, so a read after the completion was seen has it.
  const completedPreviewId = previewState?.status === "COMPLETED" ? previewState.id : null;
  useEffect(() => {
    if (completedPreviewId) refetch();
  }, [completedPreviewId, refetch]);

  const itemsKey = `${status}|${previewRun?.id}|${previewRun?.status}`;
  const items = useAllPages(RestoreRunItemsQuery, status && status !== "DRAFT" ? runId : null, selectRestoreItems, itemsKey);

  const [active, setActive] = useState(0);
  // Open the furthest valid step when a run is (re)loaded by id.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another run is shown.
  useEffect(() => {
    if (run) setActive(Math.min(reachableStep(run.status), wizardSteps.length - 1));
    else if (!runId) setActive(0);
  }, [run?.id, runId]);

  const showRun = useCallback(
    (next: RestoreRun, step: WizardStep) => {
      const params: Record<string, string> = { backupSet: next.sourceBackupSet?.id ?? backupSetParam ?? "", run: next.id };
      if (itemsParam) params.items = itemsParam;
      if (fromParam) params.from = fromParam;
      setSearchParams(params, { replace: true });
      setActive(wizardSteps.indexOf(step));
      refetch();
    },
    [backupSetParam, itemsParam, fromParam, setSearchParams, refetch],
  );

  const backupSetId = run?.sourceBackupSet?.id ?? backupSetParam;
  const stepLabels = useMemo(
    () =>
      ({
        source: [t("restoreWizard.steps.source"), t("restoreWizard.steps.sourceHint")],
        scope: [t("restoreWizard.steps.scope"), t("restoreWizard.steps.scopeHint")],
        checks: [t("restoreWizard.steps.checks"), t("restoreWizard.steps.checksHint")],
        preview: [t("restoreWizard.steps.preview"), t("restoreWizard.steps.previewHint")],
        confirm: [t("restoreWizard.steps.confirm"), t("restoreWizard.steps.confirmHint")],
      }) satisfies Record<WizardStep, [string, string]>,
    [t],
  );

  if (!can("restore.preview")) return <Alert color="gray">{t("restoreWizard.noPermission")}</Alert>;
  if (runId && !result.data && result.fetching) {
    return (
      <Center>
        <Loader />
      </Center>
    );
  }
  if (runId && result.error && !result.data) return <Alert color="red">{errorMessage(result.error)}</Alert>;
  if (runId && !run) return <Alert color="gray" title={t("restoreWizard.runNotFound")} data-testid="restore-not-found" />;
  if (run && restoreStage(run.status) !== "planning") return <Navigate to={`/restores/${encodeURIComponent(run.id)}`} replace />;
  if (!backupSetId) {
    return (
      <Alert color="gray" data-testid="restore-no-source">
        <Stack gap="xs">
          <Text size="sm">{t("restoreWizard.sourceMissing")}</Text>
          <Anchor component={Link} to="/backups" size="sm">
            {t("nav.backups")}
          </Anchor>
        </Stack>
      </Alert>
    );
  }

  const restoreItems = items.nodes ?? [];
  // A step the server has reset (e.g. a new scope discarded the preview) is no longer shown.
  const shown = Math.min(active, reachable, wizardSteps.length - 1);
  return (
    <Stack data-testid="restore-wizard" data-run-id={run?.id ?? ""} data-status={status ?? ""}>
      <Breadcrumbs>
        <Anchor component={Link} to="/restores">
          {t("nav.restores")}
        </Anchor>
        <Text>{t("restoreWizard.title")}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="center">
        <Title order={2}>{t("restoreWizard.title")}</Title>
        {run && (
          <Group gap="xs">
            <FrozenTargetBadge name={run.targetLabel} dryRun={run.dryRun} />
            <DryRunBadge dryRun={run.dryRun} />
            <RestoreStatusBadge status={run.status} />
          </Group>
        )}
      </Group>
      <Stepper active={shown} onStepClick={setActive} size="sm">
        {wizardSteps.map((step, index) => (
          <Stepper.Step
            key={step}
            label={stepLabels[step][0]}
            description={stepLabels[step][1]}
            allowStepSelect={index <= reachable && index !== shown}
            data-testid={`restore-step-${step}`}
            data-reachable={index <= reachable}
          >
            {step === "source" && (
              <SourceStep
                backupSetId={backupSetId}
                defaultTargetId={searchParams.get("target")}
                defaultDryRun={!fromParam}
                run={run}
                onCreated={(created) => showRun(created, "scope")}
                onNext={() => setActive(1)}
              />
            )}
            {step === "scope" && run && (
              <ScopeStep
                run={run}
                restoreItems={items.nodes}
                preselected={preselected}
                onPreviewStarted={(next) => showRun(next, "checks")}
              />
            )}
            {step === "checks" && run && (
              <ChecksStep
                run={run}
                previewRun={previewState}
                onPreviewStarted={(next) => showRun(next, "checks")}
                onNext={() => setActive(3)}
              />
            )}
            {step === "preview" && run && (
              <PreviewStep
                run={run}
                items={restoreItems}
                loading={items.loading && !items.nodes}
                error={items.error}
                onNext={() => setActive(4)}
                onPreviewStarted={(next) => showRun(next, "checks")}
              />
            )}
            {step === "confirm" && run && <ConfirmStep run={run} onBackToScope={() => setActive(1)} />}
          </Stepper.Step>
        ))}
      </Stepper>
    </Stack>
  );
}
