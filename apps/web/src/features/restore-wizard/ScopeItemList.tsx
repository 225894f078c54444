import { Badge, Card, Checkbox, Group, Stack, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ScopeBackupItem } from "./documents";
import { type ScopeGroup, selectionState } from "./scopeSelection";

interface ScopeItemListProps {
  groups: ScopeGroup[];
  selected: ReadonlySet<string>;
  onToggle: (ids: string[], on: boolean) => void;
}

/** The source set's items by type: one checkbox per type (all of it) and per item, with markers. */
export function ScopeItemList({ groups, selected, onToggle }: ScopeItemListProps) {
  return (
    <Stack gap="sm" data-testid="restore-scope-items">
      {groups.map((group) => {
        const ids = group.items.map((item) => item.id);
        const state = selectionState(ids, selected);
        return (
          <Card key={group.objectType} withBorder padding="sm" data-testid={`restore-group-${group.objectType}`}>
            <Stack gap={6}>
              <Group gap="xs">
                <Checkbox
                  checked={state === "all"}
                  indeterminate={state === "some"}
                  onChange={(event) => onToggle(ids, event.currentTarget.checked)}
                  label={
                    <Text fw={600} size="sm" span>
                      {group.objectType}
                    </Text>
                  }
                  data-testid={`restore-type-${group.objectType}`}
                />
                <Badge size="sm" variant="light" color="gray">
                  {group.items.length}
                </Badge>
              </Group>
              <Stack gap={4} pl="lg">
                {group.items.map((item) => (
                  <ScopeItemRow key={item.id} item={item} checked={selected.has(item.id)} onToggle={(on) => onToggle([item.id], on)} />
                ))}
              </Stack>
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

function ScopeItemRow({ item, checked, onToggle }: { item: ScopeBackupItem; checked: boolean; onToggle: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Checkbox
        checked={checked}
        onChange={(event) => onToggle(event.currentTarget.checked)}
        label={item.displayName}
        data-testid={`restore-item-${item.displayName}`}
        data-preview-only={item.previewOnly}
        data-foundation={item.isFoundation}
      />
      {item.isFoundation && (
        <Tooltip label={t("restoreWizard.scope.foundationHint")}>
          <Badge size="xs" variant="outline" color="gray" data-testid="restore-foundation-marker">
            {t("restoreWizard.scope.foundation")}
          </Badge>
        </Tooltip>
      )}
      {item.previewOnly && (
        <Tooltip label={t("restoreWizard.scope.previewOnlyHint")} multiline w={320}>
          <Badge size="xs" color="orange" data-testid="restore-preview-only-marker">
            {t("restoreWizard.scope.previewOnly")}
          </Badge>
        </Tooltip>
      )}
      {item.gaps.map((gap) => (
        <Tooltip key={gap.code} label={gap.message} multiline w={320}>
          <Badge size="xs" color="yellow" variant="light">
            {t("restoreWizard.scope.gap")}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
