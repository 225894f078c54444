import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/dropzone/styles.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { initI18n } from "./i18n";

const container = document.getElementById("root");
if (!container) throw new Error("index.html must contain #root");

// Resources are bundled, so init resolves immediately; awaiting it avoids a flash of raw keys.
await initI18n();
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
