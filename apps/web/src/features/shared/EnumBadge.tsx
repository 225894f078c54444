import { Badge, type BadgeProps, type MantineColor } from "@mantine/core";

// Badge labels clip with an ellipsis by default, which lets narrow table cells shrink them to "CO…".
export const unclippedLabel = { label: { overflow: "visible" } } as const;

interface EnumBadgeProps<Value extends string> extends Omit<BadgeProps, "color" | "children" | "styles"> {
  value: Value;
  /** One color per enum value; the enum modules keep these exhaustive with `satisfies`. */
  colors: Record<Value, MantineColor>;
  label: string;
  /** Name of the data-* attribute that carries the raw value, so browser tests do not depend on the language. */
  dataName?: string;
  "data-testid"?: string;
}

/** An unclipped badge colored by an enum value. */
export function EnumBadge<Value extends string>({ value, colors, label, dataName, ...badgeProps }: EnumBadgeProps<Value>) {
  const dataAttribute = dataName ? { [`data-${dataName}`]: value } : {};
  return (
    <Badge color={colors[value]} styles={unclippedLabel} {...badgeProps} {...dataAttribute}>
      {label}
    </Badge>
  );
}
