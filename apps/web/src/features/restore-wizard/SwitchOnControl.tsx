import { Badge, Group, Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RestoreItem } from "../restores/documents";

/** The states a restore writes a Conditional Access policy in, and how loudly each is shown. */
const STATE_COLOR = { enabled: "red", enabledForReportingButNotEnforced: "blue", disabled: "gray" } as const;
type WrittenState = keyof typeof STATE_COLOR;
const isWrittenState = (state: string | null | undefined): state is WrittenState => Boolean(state && state in STATE_COLOR);

/** A Conditional Access policy's preview row: the state the restore writes, and the operator's switch to enforce it. */
export function SwitchOnControl({ item, disabled, onChange }: { item: RestoreItem; disabled: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  const state = item.writtenState;
  return (
    <Group gap="xs" mt={4} data-testid="restore-preview-switch-on" data-state={state ?? ""}>
      {isWrittenState(state) && (
        <Badge size="xs" color={STATE_COLOR[state]} variant="light">
          {t(`restoreWizard.preview.writtenState.${state}`)}
        </Badge>
      )}
      <Switch
        size="xs"
        checked={item.switchedOn}
        disabled={disabled}
        label={t("restoreWizard.preview.switchOn")}
        description={t("restoreWizard.preview.switchOnHint")}
        onChange={(event) => onChange(event.currentTarget.checked)}
        data-testid="restore-preview-switch-on-toggle"
      />
    </Group>
  );
}
