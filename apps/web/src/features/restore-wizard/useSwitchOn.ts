import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import type { RestoreItem, RestoreRun } from "../restores/documents";
import { restoreStepResult } from "../restores/mutationOutcome";
import { SetRestoreScopeMutation } from "../restores/mutations";
import { useStartPreview } from "./useStartPreview";

/**
 * The preview row's switch of a Conditional Access policy: the choice is part of the scope, so it
 * saves the same items with the new choice and runs the checks and the preview again (the lockout
 * guard judges exactly what will be written).
 */
export function useSwitchOn(run: RestoreRun, items: RestoreItem[], onPreviewStarted: (run: RestoreRun) => void) {
  const { t } = useTranslation();
  const [state, setScope] = useMutation(SetRestoreScopeMutation);
  const preview = useStartPreview();
  const [error, setError] = useState<string | null>(null);
  const switchOn = useCallback(
    async (item: RestoreItem, on: boolean) => {
      setError(null);
      const switched = new Set(items.filter((entry) => entry.switchedOn).map((entry) => entry.backupItem.id));
      if (on) switched.add(item.backupItem.id);
      else switched.delete(item.backupItem.id);
      const input = {
        restoreRunId: run.id,
        mode: run.scopeMode,
        backupItemIds: items.map((entry) => entry.backupItem.id),
        switchedOnItemIds: [...switched],
      };
      const scoped = await setScope({ input });
      const outcome = restoreStepResult(scoped.data?.setRestoreScope, scoped.error, "RestoreRunPayload", t);
      if (!outcome.ok) {
        setError(outcome.message);
        return;
      }
      const started = await preview.start(run.id);
      onPreviewStarted(started.ok ? started.payload.restoreRun : outcome.payload.restoreRun);
    },
    [items, run.id, run.scopeMode, setScope, preview, onPreviewStarted, t],
  );
  return { switchOn, switching: state.fetching || preview.fetching, error };
}
