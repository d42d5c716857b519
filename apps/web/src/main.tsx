import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { SessionGate } from "./api/session-gate.tsx";
import { applyTheme } from "./app/theme.ts";
import "./styles.css";

applyTheme();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <SessionGate />
  </StrictMode>,
);
