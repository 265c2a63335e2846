"use client";
import { createContext } from "react";

/** What a node can do to the graph around it: open its details. Nodes get it by context, not in their data. */
export interface GraphActions {
  open(path: string): void;
  openPath: string | null;
  /** Id of the details panel, for aria-controls. */
  panelId: string;
}

/** Provided by StateGraph; the default does nothing (a node rendered alone, e.g. in a test). */
export const GraphActionsContext = createContext<GraphActions>({ open: () => {}, openPath: null, panelId: "" });
