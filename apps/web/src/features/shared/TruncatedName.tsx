import { Tooltip } from "@mantine/core";
import type { ReactElement } from "react";

/**
 * Long names stay on one line with an ellipsis so a 200-character backup name cannot widen the
 * page; the full name shows on hover and on keyboard focus (the child should be a link or button
 * to be focusable) and is the accessible name's title.
 */
export function TruncatedName({ name, children, maxWidth = 360 }: { name: string; children: ReactElement; maxWidth?: number | string }) {
  return (
    <Tooltip label={name} events={{ hover: true, focus: true, touch: true }} multiline maw={480} openDelay={300}>
      <span className="truncate" style={{ display: "inline-block", maxWidth, verticalAlign: "bottom" }} title={name}>
        {children}
      </span>
    </Tooltip>
  );
}
