import { SegmentedControl } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { useSession } from "../../session/SessionProvider";
import { firstPage } from "../inventory/cursorStack";

/**
 * A workspace list scoped to the selected environment by default; ?scope=all lists every
 * environment's entries. The page cursors go back to the first page when the scope changes.
 */
export function useEnvironmentScopedPaging() {
  const { workspaceId, environment } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const showAll = !environment || searchParams.get("scope") === "all";
  const environmentIds = showAll || !environment ? null : [environment.id];
  const environmentKey = environmentIds?.join(",") ?? "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the serialized ids.
  const filter = useMemo<{ environmentIds?: string[] }>(() => (environmentIds ? { environmentIds } : {}), [environmentKey]);

  const [cursors, setCursors] = useState(firstPage);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on these values only.
  useEffect(() => setCursors(firstPage), [environmentKey, workspaceId]);

  const setShowAll = (all: boolean) => setSearchParams(all ? { scope: "all" } : {});
  return { showAll, setShowAll, environmentIds, filter, cursors, setCursors };
}

interface EnvironmentScopeToggleProps {
  showAll: boolean;
  onChange: (showAll: boolean) => void;
  allLabel: string;
  "data-testid": string;
}

/** "Selected environment | all" switch; nothing when no environment is selected. */
export function EnvironmentScopeToggle({ showAll, onChange, allLabel, "data-testid": testId }: EnvironmentScopeToggleProps) {
  const { environment } = useSession();
  if (!environment) return null;
  return (
    <SegmentedControl
      size="xs"
      value={showAll ? "all" : "selected"}
      onChange={(value) => onChange(value === "all")}
      data={[
        { value: "selected", label: environment.name },
        { value: "all", label: allLabel },
      ]}
      data-testid={testId}
    />
  );
}
