import { Box } from "@mantine/core";
import "graphiql/setup-workers/vite";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { useMemo } from "react";
import { exampleTabs } from "./exampleOperations";
import { createPlaygroundFetcher } from "./playgroundFetcher";

/**
 * GraphiQL and Monaco are bundled by our own Vite build (no CDN), and this module is lazy-loaded
 * so the megabytes of editor code load only on this route.
 */
export default function PlaygroundPage() {
  const fetcher = useMemo(() => createPlaygroundFetcher(), []);
  return (
    // The AppShell header is 56px and main has md padding; GraphiQL needs an explicit height.
    <Box h="calc(100vh - 56px - 2 * var(--mantine-spacing-md))" data-testid="playground">
      <GraphiQL fetcher={fetcher} defaultTabs={exampleTabs} />
    </Box>
  );
}
