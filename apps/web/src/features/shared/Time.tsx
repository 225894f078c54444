import { Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { useFormatters } from "../../i18n/useFormatters";
import { runDuration } from "../../i18n/time";
import { useNow } from "./useNow";

/**
 * A moment as the whole SPA shows it: relative when recent ("3 min ago"), the date when older, and
 * the absolute moment in the user's locale and time zone on hover (and read out by screen readers,
 * without adding a tab stop per cell).
 */
export function Time({ value, testId }: { value: string | null | undefined; testId?: string }) {
  const format = useFormatters();
  const now = useNow();
  if (!value) return <span data-testid={testId}>—</span>;
  const absolute = format.absolute(value);
  return (
    <Tooltip label={absolute} events={{ hover: true, focus: true, touch: true }} withinPortal>
      <time dateTime={value} data-testid={testId} data-absolute={absolute} style={{ whiteSpace: "nowrap", position: "relative" }}>
        <span aria-hidden>{format.relative(value, now)}</span>
        {/* Screen readers get the exact moment rather than a relative time that keeps changing. */}
        <VisuallyHidden>{absolute}</VisuallyHidden>
      </time>
    </Tooltip>
  );
}

/** Queued to finished; while the run is active, the time so far, counting up live. */
export function RunDuration({
  run,
  active,
  size = "sm",
}: {
  run: { createdAt: string; completedAt?: string | null };
  active: boolean;
  size?: "xs" | "sm";
}) {
  const format = useFormatters();
  const now = useNow(active);
  const milliseconds = runDuration(run, active, now);
  if (milliseconds === null) return <span data-testid="run-duration">—</span>;
  return (
    <Text
      span
      size={size}
      data-testid="run-duration"
      data-ms={milliseconds}
      data-live={active || undefined}
      style={{ whiteSpace: "nowrap" }}
    >
      {format.duration(milliseconds)}
    </Text>
  );
}
