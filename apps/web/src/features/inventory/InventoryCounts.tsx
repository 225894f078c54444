import { Badge, Group } from "@mantine/core";
import type { SummaryCount } from "../../graphql/connection";
import { useLabels } from "../../i18n/useLabels";

interface InventoryCountsProps {
  counts: SummaryCount[];
  selectedTypes: string[];
  onToggleType: (type: string) => void;
}

/** Count per object type; clicking one toggles it in the type filter. */
export function InventoryCounts({ counts, selectedTypes, onToggleType }: InventoryCountsProps) {
  const labels = useLabels();
  return (
    <Group gap="xs" data-testid="inventory-counts">
      {counts.map((count) => (
        <Badge
          key={count.key}
          size="lg"
          variant={selectedTypes.includes(count.key) ? "filled" : "light"}
          style={{ cursor: "pointer", textTransform: "none" }}
          onClick={() => onToggleType(count.key)}
          data-testid={`inventory-count-${count.key}`}
        >
          {labels.objectType(count.key)}: {count.value}
        </Badge>
      ))}
    </Group>
  );
}
