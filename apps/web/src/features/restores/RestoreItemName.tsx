import { Badge, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** A restore item's name with its foundation badge, and any further badges the table adds. */
export function RestoreItemName({
  displayName,
  isFoundation,
  children,
}: {
  displayName: string;
  isFoundation: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Text size="sm" fw={500}>
        {displayName}
      </Text>
      {isFoundation && (
        <Badge size="xs" variant="outline" color="gray">
          {t("restoreWizard.scope.foundation")}
        </Badge>
      )}
      {children}
    </Group>
  );
}
