"use client";
import dynamic from "next/dynamic";
import { Skeleton } from "./common/skeleton";

// The graph (React Flow) and the charts (recharts) are the heaviest code on the pages; loading them after
// the headline keeps the failure on screen first and the first-load JavaScript small.
const loading = (what: string) =>
  function Loading() {
    return <Skeleton label={`Loading ${what}`} blockHeight={what === "the state graph" ? 320 : 200} />;
  };

/** components/graph/state-graph, loaded on demand. */
export const LazyStateGraph = dynamic(() => import("./graph/state-graph").then((m) => m.StateGraph), { ssr: false, loading: loading("the state graph") });
/** components/payloads/payload-chart, loaded on demand. */
export const LazyPayloadChart = dynamic(() => import("./payloads/payload-chart").then((m) => m.PayloadChart), { ssr: false, loading: loading("the payload chart") });
/** components/charts/metrics-chart, loaded on demand. */
export const LazyMetricsChart = dynamic(() => import("./charts/metrics-chart").then((m) => m.MetricsChart), { ssr: false, loading: loading("the chart") });
