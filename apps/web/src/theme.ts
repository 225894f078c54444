import { Badge, type CSSVariablesResolver, DEFAULT_THEME, createTheme } from "@mantine/core";

/**
 * Badges keep the words' own capitalization and grow with their text: Mantine's uppercase, fixed
 * height and clipped label cut German outcomes ("TEILWEISE ERFOLGREICH") mid-word.
 */
export const theme = createTheme({
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.18,
  focusRing: "auto",
  components: {
    Badge: Badge.extend({
      styles: {
        root: { textTransform: "none", height: "auto", minHeight: "var(--badge-height)", maxWidth: "100%", letterSpacing: 0 },
        label: { overflow: "visible", textOverflow: "clip", whiteSpace: "normal", lineHeight: 1.3, paddingBlock: 2 },
      },
    }),
  },
});

// Mantine's light palette puts text in shade 6 (3:1 on white); WCAG AA asks 4.5:1. Text, outline
// and filled colours use the darkest shade, and the yellows and oranges a darker brown, so axe-core's
// contrast check passes on every badge, link and dimmed hint.
const DARK_TEXT: Record<string, string> = {
  yellow: "#7a4b00",
  orange: "#a3360b",
  lime: "#3f6b0b",
  green: "#1f6b2f",
  teal: "#06604a",
  cyan: "#075563",
};

export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": resolved.colors.gray[7],
    "--mantine-color-anchor": resolved.colors.blue[8],
    ...Object.fromEntries(
      Object.keys(DEFAULT_THEME.colors).flatMap((color) => {
        const text = DARK_TEXT[color] ?? resolved.colors[color]?.[9] ?? "";
        return [
          [`--mantine-color-${color}-light-color`, text],
          [`--mantine-color-${color}-outline`, text],
          [`--mantine-color-${color}-text`, text],
        ];
      }),
    ),
  },
  dark: {},
});
