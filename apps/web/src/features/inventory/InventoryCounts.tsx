import { Badge, Group } from "@mantine/core";
import type { SummaryCount } from "../../graphql/connection";

interface InventoryCountsProps {
  counts: SummaryCount[];
  selectedTypes: string[];
  onToggleType: (type: string) => void;
}

/** Count per object type; clicking one toggles it in the type filter. */
export function InventoryCounts({ counts, selectedTypes, onToggleType }: InventoryCountsProps) {
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
          {count.key}: {count.value}
        </Badge>
      ))}
    </Group>
  );
}
