import { Group } from "@mantine/core";
import type { ReactNode } from "react";

/** The step's buttons stay in view at the bottom of the window while a long list scrolls under them. */
export function StickyActionBar({ children }: { children: ReactNode }) {
  return (
    <Group
      data-testid="restore-action-bar"
      py="sm"
      style={{
        position: "sticky",
        bottom: 0,
        zIndex: 2,
        background: "var(--mantine-color-body)",
        borderTop: "1px solid var(--mantine-color-default-border)",
      }}
    >
      {children}
    </Group>
  );
}
