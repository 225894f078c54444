import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RunRow } from "./documents";

/** Who started a run, by name: the person, the API token (marked as one), or the schedule/system. */
export function StartedBy({ startedBy, size = "xs" }: { startedBy: RunRow["startedBy"]; size?: "xs" | "sm" }) {
  const { t } = useTranslation();
  const text =
    startedBy.kind === "user"
      ? (startedBy.name ?? t("console.startedBy.deletedUser"))
      : startedBy.kind === "token"
        ? startedBy.name
          ? t("console.startedBy.token", { name: startedBy.name })
          : t("console.startedBy.deletedToken")
        : t("console.startedBy.system");
  return (
    <Text span size={size} data-kind={startedBy.kind} style={{ overflowWrap: "anywhere" }}>
      {text}
    </Text>
  );
}
