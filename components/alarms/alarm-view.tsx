"use client";
import { useQuery } from "@tanstack/react-query";
import type { AlarmLink } from "@/lib/queries/keys";
import { alarmViewQuery } from "@/lib/queries/options";
import { Freshness } from "../common/freshness";
import { AlarmDetails } from "./alarm-details";
import { describeCondition } from "./describe-alarm";
import { TrippingExecutions } from "./tripping-executions";
import styles from "./alarm-view.module.css";

/** The alarm view: which alarm in one line, then the executions that tripped it, then the rest. */
export function AlarmView({ region, alarmName, link }: { region: string; alarmName: string; link: AlarmLink }) {
  // The page prefetched this key (HydrationBoundary): data is there on the first render.
  const query = useQuery(alarmViewQuery(region, alarmName, link));
  const view = query.data;
  if (!view) return <p role="status">{query.error ? `The alarm view could not be loaded: ${query.error.message}` : "Loading the alarm…"}</p>;
  const { alarm } = view;
  const stateMachineName = view.stateMachineArn?.split(":")[6] ?? null;
  return (
    <>
      <h1 className={styles.title}>
        <span className={`${styles.state} ${styles[`state${alarm.stateValue}`] ?? ""}`} data-testid="alarm-state">
          {alarm.stateValue}
        </span>
        <span data-testid="alarm-name">{alarm.alarmName}</span>
      </h1>
      <p className={styles.summary} data-testid="alarm-condition">
        {describeCondition(alarm, view.metricNames, view.breach?.periodSeconds ?? alarm.periodSeconds)}
        {stateMachineName ? ` · ${stateMachineName}` : ""} · {alarm.region}
      </p>
      <TrippingExecutions view={view} />
      <AlarmDetails view={view} />
      <Freshness updatedAt={view.fetchedAt} error={query.error ? { kind: "http", message: query.error.message } : null} staleAfterMs={90_000} />
    </>
  );
}
