import { createTheme, type MantineColorsTuple } from "@mantine/core";

// Wholesail's brand colour: a deep sea blue (primary shade #0b6e99).
const sea: MantineColorsTuple = [
  "#e7f6fc",
  "#d2e9f3",
  "#a4d1e6",
  "#72b8da",
  "#4aa3cf",
  "#3096c9",
  "#1f8fc7",
  "#0b6e99",
  "#06668f",
  "#00587d",
];

export const theme = createTheme({
  primaryColor: "sea",
  primaryShade: 7,
  colors: { sea },
  defaultRadius: "md",
  fontFamily:
    "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  fontFamilyMonospace: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
  headings: { fontWeight: "650" },
  components: {
    Badge: { defaultProps: { radius: "sm" } },
    Paper: { defaultProps: { withBorder: true, radius: "md" } },
    Table: { defaultProps: { verticalSpacing: "sm", horizontalSpacing: "md" } },
  },
});
