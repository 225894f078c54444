import { Alert, Button, Group, Select, Stack, Switch, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../graphql/errors";
import { useFormatters } from "../../i18n/useFormatters";
import { useSession } from "../../session/SessionProvider";
import type { RestoreRun } from "../restores/documents";
import { restoreStepResult } from "../restores/mutationOutcome";
import { CreateRestoreRunMutation } from "../restores/mutations";
import { DryRunBadge, FrozenTargetBadge } from "../restores/RestoreBadges";
import { RestoreSourceQuery, type SourceBackupSet } from "./documents";

interface SourceStepProps {
  backupSetId: string;
  /** Preselected target, e.g. when a dry run's result offers the live restore of the same plan. */
  defaultTargetId: string | null;
  /** Off when the wizard plans the live run of a dry run; dry run stays the default otherwise. */
  defaultDryRun?: boolean;
  run: RestoreRun | null;
  onCreated: (run: RestoreRun) => void;
  onNext: () => void;
}

/** Step 1: the source backup set, the target environment and dry run (on by default). */
export function SourceStep({ backupSetId, defaultTargetId, defaultDryRun = true, run, onCreated, onNext }: SourceStepProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspaceId, environments, can } = useSession();
  const canExecute = can("restore.execute");
  const [sourceResult] = useQuery({
    query: RestoreSourceQuery,
    variables: { workspaceId: workspaceId ?? "", backupSetId },
    pause: !workspaceId,
  });
  const [createState, createRun] = useMutation(CreateRestoreRunMutation);

  const [sourceId, setSourceId] = useState(run?.sourceBackupSet?.id ?? backupSetId);
  const [targetId, setTargetId] = useState<string | null>(run?.environment.id ?? defaultTargetId);
  const [dryRun, setDryRun] = useState(run?.dryRun ?? defaultDryRun);
  const [error, setError] = useState<string | null>(null);

  const preselected = sourceResult.data?.node && "name" in sourceResult.data.node ? (sourceResult.data.node as SourceBackupSet) : null;
  const sets = [...(preselected ? [preselected] : []), ...(sourceResult.data?.backupSets.edges.map((edge) => edge.node) ?? [])].filter(
    (set, index, all) => all.findIndex((other) => other.id === set.id) === index,
  );
  const selectedSet = sets.find((set) => set.id === sourceId) ?? null;
  const setOptions = sets
    .filter((set) => set.status === "COMPLETED" || set.id === sourceId)
    .map((set) => ({
      value: set.id,
      label: t("restoreWizard.source.backupSetOption", {
        name: set.name,
        environment: set.environment?.name ?? "—",
        when: format.absolute(set.createdAt),
      }),
    }));
  const effectiveDryRun = dryRun || !canExecute;
  const changed = !run || run.sourceBackupSet?.id !== sourceId || run.environment.id !== targetId || run.dryRun !== effectiveDryRun;
  const sourceUsable = selectedSet?.status === "COMPLETED";

  async function create() {
    if (!targetId) return;
    setError(null);
    const result = await createRun({ input: { backupSetId: sourceId, environmentId: targetId, dryRun: effectiveDryRun } });
    const outcome = restoreStepResult(result.data?.createRestoreRun, result.error, "RestoreRunPayload", t);
    if (outcome.ok) onCreated(outcome.payload.restoreRun);
    else setError(outcome.message);
  }

  return (
    <Stack maw={640} pt="md" data-testid="restore-source">
      {sourceResult.error && <Alert color="red">{errorMessage(sourceResult.error)}</Alert>}
      <Select
        label={t("restoreWizard.source.backupSet")}
        data={setOptions}
        value={sourceId}
        onChange={(value) => value && setSourceId(value)}
        searchable
        allowDeselect={false}
        error={selectedSet && !sourceUsable ? t("restoreWizard.source.notCompleted") : undefined}
        data-testid="restore-backup-set"
      />
      <Select
        label={t("restoreWizard.source.target")}
        description={t("restoreWizard.source.targetHint")}
        placeholder={t("restoreWizard.source.targetPlaceholder")}
        data={environments.map((environment) => ({ value: environment.id, label: environment.name }))}
        value={targetId}
        onChange={setTargetId}
        searchable
        allowDeselect={false}
        data-testid="restore-target"
      />
      <Switch
        label={t("restoreWizard.source.dryRun")}
        description={t("restoreWizard.source.dryRunHint")}
        checked={effectiveDryRun}
        disabled={!canExecute}
        onChange={(event) => setDryRun(event.currentTarget.checked)}
        data-testid="restore-dry-run"
      />
      {!canExecute && (
        <Alert color="blue" data-testid="restore-execute-lacking">
          {t("restoreWizard.source.executeLacking")}
        </Alert>
      )}
      {run && (
        <Group gap="xs">
          <FrozenTargetBadge name={run.targetLabel} dryRun={run.dryRun} />
          <DryRunBadge dryRun={run.dryRun} />
        </Group>
      )}
      {run && changed && (
        <Text size="sm" c="dimmed">
          {t("restoreWizard.source.recreateHint")}
        </Text>
      )}
      {error && (
        <Alert color="red" title={t("restoreWizard.source.failed")} data-testid="restore-error" style={{ whiteSpace: "pre-line" }}>
          {error}
        </Alert>
      )}
      <Group>
        {changed ? (
          <Button onClick={create} loading={createState.fetching} disabled={!targetId || !sourceUsable} data-testid="restore-create">
            {run ? t("restoreWizard.source.recreate") : t("restoreWizard.source.create")}
          </Button>
        ) : (
          <Button onClick={onNext} data-testid="restore-next">
            {t("common.next")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
