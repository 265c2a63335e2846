"use client";
import { useEffect, useState } from "react";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import type { GraphLayout } from "./layout";

type Result = { model: StateGraphModel; layout: GraphLayout | null; error: string | null };

/** Layouts of recently shown definitions: a layout is a pure function of the text, and pages come and go. */
const cache = new Map<string, Promise<GraphLayout>>();
const CACHE_SIZE = 8;

function layoutOf(definition: string, model: StateGraphModel): Promise<GraphLayout> {
  const known = cache.get(definition);
  if (known) return known;
  // ELK (about 1.5 MB) loads only when a graph is shown.
  const pending = import("./layout").then(({ layoutStateGraph }) => layoutStateGraph(model));
  cache.set(definition, pending);
  pending.catch(() => cache.delete(definition));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return pending;
}

/** Lays the model out after the first paint; `definition` is the text the model was built from (the cache key). */
export function useGraphLayout(definition: string, model: StateGraphModel | null): { layout: GraphLayout | null; error: string | null } {
  const [result, setResult] = useState<Result | null>(null);
  useEffect(() => {
    if (!model) return;
    let live = true;
    layoutOf(definition, model)
      .then((layout) => live && setResult({ model, layout, error: null }))
      .catch((error: unknown) => live && setResult({ model, layout: null, error: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [definition, model]);
  // A result for an older model is stale: show "laying out" rather than the wrong graph.
  return result && result.model === model ? result : { layout: null, error: null };
}
