"use client";
import { useEffect, useState } from "react";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import type { GraphLayout } from "./layout";
import type { NodeSize } from "./node-size";

type Result = { key: string; model: StateGraphModel; layout: GraphLayout | null; error: string | null };

/** Layouts of recently shown graphs: a layout is a pure function of the text and the node sizes, and pages come and go. */
const cache = new Map<string, Promise<GraphLayout>>();
const CACHE_SIZE = 8;

/** The cache key: the definition, and the sizes its nodes are drawn at (they follow the badges). */
function keyOf(definition: string, sizes: Readonly<Record<string, NodeSize>>): string {
  return `${definition}\n${Object.values(sizes).map((s) => `${s.width}x${s.height}`).join(",")}`;
}

function layoutOf(key: string, model: StateGraphModel, sizes: Readonly<Record<string, NodeSize>>): Promise<GraphLayout> {
  const known = cache.get(key);
  if (known) return known;
  // ELK (about 1.5 MB) loads only when a graph is shown.
  const pending = import("./layout").then(({ layoutStateGraph }) => layoutStateGraph(model, undefined, sizes));
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return pending;
}

/**
 * Lays the model out after the first paint, each node at its size (sizeNodes); `definition` is the text the
 * model was built from. Returns the layout's key too: a new key is a new layout (the opening view follows it).
 */
export function useGraphLayout(definition: string, model: StateGraphModel | null, sizes: Readonly<Record<string, NodeSize>>): { layout: GraphLayout | null; error: string | null; key: string } {
  const key = keyOf(definition, sizes);
  const [result, setResult] = useState<Result | null>(null);
  useEffect(() => {
    if (!model) return;
    let live = true;
    layoutOf(key, model, sizes)
      .then((layout) => live && setResult({ key, model, layout, error: null }))
      .catch((error: unknown) => live && setResult({ key, model, layout: null, error: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
    // `sizes` is summed up in `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, model]);
  // A result for an older model is stale: show "laying out" rather than the wrong graph. New sizes keep the old layout until the new one is in.
  if (result && result.model === model) return { layout: result.layout, error: result.error, key: result.key };
  return { layout: null, error: null, key };
}
