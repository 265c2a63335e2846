import type { GraphState } from "@/lib/analysis/graph/state-graph-model";

/** "Task · lambda:invoke · callback", "Map · distributed", "Parallel · 3 branches". */
export function describeKind(state: GraphState): string {
  const parts: string[] = [state.type];
  if (state.task) {
    const tail = state.task.resource.split(":::").at(-1) ?? state.task.resource;
    parts.push(state.task.resource.includes(":::") ? tail : state.task.service ?? "resource");
    if (state.task.pattern !== "request-response") parts.push(state.task.pattern);
  }
  if (state.map) parts.push(state.map.mode === "DISTRIBUTED" ? "distributed" : "inline");
  if (state.branches !== null) parts.push(`${state.branches} branch${state.branches === 1 ? "" : "es"}`);
  if (state.isStart) parts.push("start");
  if (state.isEnd) parts.push("end");
  return parts.join(" · ");
}
