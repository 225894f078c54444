import { Alert, Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RestoreAction } from "../../graphql/generated/graphql";
import { useFormatters } from "../../i18n/useFormatters";
import type { RestoreItem } from "../restores/documents";

const ACTIONS: RestoreAction[] = ["CREATE", "UPDATE", "NO_CHANGE", "SKIP"];

/**
 * At the top of a dry run: what the live run of the same plan would do, counted by planned action,
 * and a way to the proof without scrolling past every item.
 */
export function DryRunSummary({ items }: { items: RestoreItem[] | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const counts = new Map<RestoreAction, number>();
  for (const item of items ?? []) if (item.action) counts.set(item.action, (counts.get(item.action) ?? 0) + 1);
  return (
    <Alert color="blue" variant="light" title={t("restoreRun.detail.liveWouldTitle")} data-testid="restore-dry-run-summary">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">
          {ACTIONS.map((action) => (
            <Text span key={action} mr="md" data-testid={`restore-would-${action}`} data-count={counts.get(action) ?? 0}>
              {t(`restoreWizard.preview.action.${action}`)}: <strong>{format.number(counts.get(action) ?? 0)}</strong>
            </Text>
          ))}
        </Text>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => document.getElementById("restore-proof")?.scrollIntoView({ block: "start" })}
          data-testid="restore-jump-to-proof"
        >
          {t("restoreRun.detail.jumpToProof")}
        </Button>
      </Group>
    </Alert>
  );
}
