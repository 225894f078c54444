import { Alert, Button, Center, Checkbox, Group, Loader, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { useAllPages } from "../../graphql/useAllPages";
import type { RestoreItem, RestoreRun } from "../restores/documents";
import { restoreStepResult } from "../restores/mutationOutcome";
import { SetRestoreScopeMutation } from "../restores/mutations";
import type { RestoreScopeMode } from "../../graphql/generated/graphql";
import { restoreScopeModes } from "../restores/restoreEnums";
import { RestoreScopeItemsQuery, scopeItemsOf } from "./documents";
import { ScopeItemList } from "./ScopeItemList";
import { StickyActionBar } from "./StickyActionBar";
import { groupScopeItems, matchesSearch, selectionState, toggleAll, toScopeInput } from "./scopeSelection";
import { useStartPreview } from "./useStartPreview";
import { hasPreview } from "./wizardSteps";

const selectScopeItems = (data: { node: Parameters<typeof scopeItemsOf>[0] }) => scopeItemsOf(data.node);

interface ScopeStepProps {
  run: RestoreRun;
  /** The run's current scope (null while loading); a DRAFT run has none. */
  restoreItems: RestoreItem[] | null;
  /**
   * The scope a new (DRAFT) run starts with: the version "restore this version" came from, or the
   * items and mode of the dry run a live run is planned from (null while that scope loads).
   */
  preselected?: { itemIds: readonly string[]; mode: RestoreScopeMode | null } | null;
  onPreviewStarted: (run: RestoreRun) => void;
}

/** Step 2: which items (grouped by type, searchable) and how; saving it starts checks and preview. */
export function ScopeStep({ run, restoreItems, preselected = { itemIds: [], mode: null }, onPreviewStarted }: ScopeStepProps) {
  const { t } = useTranslation();
  const source = useAllPages(RestoreScopeItemsQuery, run.sourceBackupSet?.id ?? null, selectScopeItems);
  const [scopeState, setScope] = useMutation(SetRestoreScopeMutation);
  const preview = useStartPreview();
  const [search, setSearch] = useState("");
  const [mode, setMode] = useState<RestoreScopeMode>(run.scopeMode ?? "WITH_ASSIGNMENTS");
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The saved scope is the starting selection; a new run starts with what it was opened for, or empty.
  useEffect(() => {
    if (selected !== null) return;
    if (run.status === "DRAFT") {
      if (!preselected) return;
      setSelected(new Set(preselected.itemIds));
      if (preselected.mode) setMode(preselected.mode);
    } else if (restoreItems) setSelected(new Set(restoreItems.map((item) => item.backupItem.id)));
  }, [run.status, restoreItems, selected, preselected]);

  const all = source.nodes ?? [];
  const visible = useMemo(() => all.filter((item) => matchesSearch(item, search)), [all, search]);
  const groups = useMemo(() => groupScopeItems(visible), [visible]);
  const chosen = selected ?? new Set<string>();
  const visibleIds = visible.map((item) => item.id);
  const allState = selectionState(visibleIds, chosen);
  const previewOnlyIds = all.filter((item) => item.previewOnly).map((item) => item.id);
  const previewOnlySelected = previewOnlyIds.filter((id) => chosen.has(id)).length;

  async function saveAndPreview() {
    setError(null);
    const input = { restoreRunId: run.id, mode, ...toScopeInput(all, chosen) };
    const scoped = await setScope({ input });
    const outcome = restoreStepResult(scoped.data?.setRestoreScope, scoped.error, "RestoreRunPayload", t);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    const started = await preview.start(run.id);
    if (started.ok) onPreviewStarted(started.payload.restoreRun);
    else {
      // The scope is saved; the checks step offers to start the preview again.
      notifications.show({ color: "red", title: t("restoreWizard.checks.failed"), message: started.message });
      onPreviewStarted(outcome.payload.restoreRun);
    }
  }

  if (source.error) return <Alert color="red">{source.error}</Alert>;
  if (!source.nodes || selected === null) {
    return (
      <Center p="md">
        <Loader size="sm" />
      </Center>
    );
  }

  return (
    <Stack pt="md" data-testid="restore-scope">
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end">
          <TextInput
            label={t("restoreWizard.scope.search")}
            placeholder={t("restoreWizard.scope.searchPlaceholder")}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={280}
            data-testid="restore-search"
          />
          <Checkbox
            label={t("restoreWizard.scope.selectAll")}
            checked={allState === "all"}
            indeterminate={allState === "some"}
            disabled={visibleIds.length === 0}
            onChange={(event) => setSelected(toggleAll(chosen, visibleIds, event.currentTarget.checked))}
            mb={8}
            data-testid="restore-select-all"
          />
        </Group>
        <Text size="sm" c="dimmed" data-testid="restore-selected-count" data-count={chosen.size}>
          {t("restoreWizard.scope.selected", { selected: String(chosen.size), total: String(all.length) })}
        </Text>
      </Group>
      {groups.length === 0 ? (
        <Text c="dimmed">{t("restoreWizard.scope.noItems")}</Text>
      ) : (
        <ScopeItemList groups={groups} selected={chosen} onToggle={(ids, on) => setSelected(toggleAll(chosen, ids, on))} />
      )}
      {previewOnlySelected > 0 && (
        <Alert color="orange" data-testid="restore-preview-only-selected">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t("restoreWizard.scope.previewOnlySelected", { count: previewOnlySelected })}</Text>
            <Button
              size="xs"
              variant="white"
              color="orange"
              onClick={() => setSelected(toggleAll(chosen, previewOnlyIds, false))}
              data-testid="restore-remove-preview-only"
            >
              {t("restoreWizard.scope.removePreviewOnly", { count: previewOnlySelected })}
            </Button>
          </Group>
        </Alert>
      )}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t("restoreWizard.scope.mode")}
        </Text>
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value as RestoreScopeMode)}
          data={restoreScopeModes.map((value) => ({ value, label: t(`restoreWizard.scope.modes.${value}`) }))}
          w="fit-content"
          data-testid="restore-mode"
        />
        <Text size="xs" c="dimmed">
          {t(`restoreWizard.scope.modeHint.${mode}`)}
        </Text>
      </Stack>
      {hasPreview(run.status) && (
        <Alert color="yellow" data-testid="restore-reset-warning">
          {t("restoreWizard.scope.resetWarning")}
        </Alert>
      )}
      {error && (
        <Alert color="red" title={t("restoreWizard.scope.failed")} data-testid="restore-error" style={{ whiteSpace: "pre-line" }}>
          {error}
        </Alert>
      )}
      <StickyActionBar>
        <Button
          onClick={saveAndPreview}
          loading={scopeState.fetching || preview.fetching}
          disabled={chosen.size === 0}
          title={chosen.size === 0 ? t("restoreWizard.scope.nothingSelected") : undefined}
          data-testid="restore-preview"
        >
          {t("restoreWizard.scope.preview")}
        </Button>
        <Text size="sm" c="dimmed">
          {t("restoreWizard.scope.selected", { selected: String(chosen.size), total: String(all.length) })}
        </Text>
      </StickyActionBar>
    </Stack>
  );
}
