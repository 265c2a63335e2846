"use client";
import { useReactFlow, useStore } from "@xyflow/react";
import { useEffect, useRef } from "react";
import type { NodeBox } from "./layout";
import { openingViewport } from "./viewport";

interface Props {
  /** Changes when the layout does: the view opens again on a new layout, not on every poll. */
  layoutKey: string;
  size: { width: number; height: number };
  focus: NodeBox | null;
  trouble: boolean;
}

/** Sets the opening view once the canvas can pan and zoom: readable zoom, centred on the failed state (or the start). */
export function OpeningView({ layoutKey, size, focus, trouble }: Props) {
  // Not useNodesInitialized: with onlyRenderVisibleElements, nodes off screen are never measured, and the
  // positions and sizes are known from the layout anyway. What must exist is the pan-zoom behaviour.
  const initialised = useStore((s) => s.panZoom !== null);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { setViewport } = useReactFlow();
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (!initialised || width === 0 || height === 0 || opened.current === layoutKey) return;
    opened.current = layoutKey;
    void setViewport(openingViewport(size, focus, trouble, { width, height }));
  }, [initialised, width, height, layoutKey, size, focus, trouble, setViewport]);
  return null;
}
