import { Group, Pagination, SegmentedControl, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RestoreAction } from "../../graphql/generated/graphql";
import type { ActionFilter } from "./actionFilter";

interface ActionFilterBarProps {
  actions: RestoreAction[];
  filter: ActionFilter;
  onFilter: (filter: ActionFilter) => void;
  page: number;
  pages: number;
  onPage: (page: number) => void;
  matching: number;
}

/** "All | Create | Update | …" over a list of restore items, with its pages. */
export function ActionFilterBar({ actions, filter, onFilter, page, pages, onPage, matching }: ActionFilterBarProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <SegmentedControl
        size="xs"
        value={filter}
        onChange={(value) => onFilter(value as ActionFilter)}
        aria-label={t("restoreWizard.preview.columns.action")}
        data={[
          { value: "ALL", label: t("operations.filters.all") },
          ...actions.map((action) => ({ value: action, label: t(`restoreWizard.preview.action.${action}`) })),
        ]}
        data-testid="restore-action-filter"
      />
      <Group gap="xs">
        <Text size="xs" c="dimmed" data-testid="restore-action-matching" data-count={matching}>
          {matching}
        </Text>
        {pages > 1 && (
          <Pagination
            size="sm"
            total={pages}
            value={page}
            onChange={onPage}
            getControlProps={(control) => ({ "aria-label": control === "previous" ? t("common.previous") : t("common.next") })}
            data-testid="restore-items-pages"
          />
        )}
      </Group>
    </Group>
  );
}
