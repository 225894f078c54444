import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { completenessSummary } from "./completeness";
import type { BackupSetRow } from "./documents";
import { unclippedLabel } from "../shared/EnumBadge";

const stateColor = { capturing: "blue", complete: "green", incomplete: "orange" } as const;

/** data-state carries the raw state so browser tests do not depend on the language. */
export function CompletenessBadge({ set, size = "md" }: { set: Pick<BackupSetRow, "status" | "hasGaps" | "completeness">; size?: string }) {
  const { t } = useTranslation();
  const { state, gapCount } = completenessSummary(set);
  const label =
    state === "incomplete" && gapCount > 0
      ? t("backups.completeness.incompleteGaps", { count: gapCount })
      : t(`backups.completeness.${state}`);
  return (
    <Badge
      color={stateColor[state]}
      variant={state === "capturing" ? "light" : "filled"}
      size={size}
      styles={unclippedLabel}
      data-testid="backup-completeness"
      data-state={state}
      data-gaps={gapCount}
    >
      {label}
    </Badge>
  );
}
