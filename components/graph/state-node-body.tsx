import type { GraphState } from "@/lib/analysis/graph/state-graph-model";
import type { StateNodeData } from "./to-flow-elements";
import styles from "./state-graph.module.css";

const TYPE_ICON: Record<GraphState["type"], string> = {
  Task: "⚙",
  Pass: "→",
  Choice: "◇",
  Wait: "⌛",
  Succeed: "✔",
  Fail: "✖",
  Parallel: "‖",
  Map: "⟳",
};

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

interface Props {
  data: StateNodeData;
  open: boolean;
  panelId: string;
  onOpen(): void;
}

/** A state's box: name, kind, outcome in words, badges. One button, so click and Enter both open details. */
export function StateNodeBody({ data, open, panelId, onOpen }: Props) {
  const { state, outcome, origin, final, outcomeLabel, badges, compound } = data;
  const classes = [
    compound ? styles.header : styles.node,
    outcome !== "none" && !compound ? styles[`outcome-${outcome}`] : "",
    origin && !compound ? styles.origin : "",
    final && !compound ? styles.final : "",
    open && !compound ? styles.open : "",
  ];
  const button = (
    <button
      type="button"
      className={classes.filter(Boolean).join(" ")}
      data-testid={`state-node-${state.path}`}
      data-outcome={outcome}
      data-origin={origin ? "true" : undefined}
      data-final={final ? "true" : undefined}
      data-state-type={state.type}
      aria-expanded={open}
      aria-controls={open ? panelId : undefined}
      title={`${state.path} — open details`}
      onClick={onOpen}
    >
      <span className={styles.name}>
        <span aria-hidden="true">{TYPE_ICON[state.type]} </span>
        {state.name}
      </span>
      <span className={styles.kind}>{describeKind(state)}</span>
      {outcomeLabel ? <span className={styles.outcomeText}>{outcomeLabel}</span> : null}
      {badges.length > 0 ? (
        <span className={styles.badges}>
          {badges.map((b) => (
            <span key={b.key} className={[styles.badge, b.tone === "neutral" ? "" : styles[b.tone]].join(" ")} title={b.title}>
              {b.text}
            </span>
          ))}
        </span>
      ) : null}
    </button>
  );
  if (!compound) return button;
  const frame = [styles.compound, outcome !== "none" ? styles[`outcome-${outcome}`] : "", origin ? styles.origin : "", open ? styles.open : ""];
  return <div className={frame.filter(Boolean).join(" ")}>{button}</div>;
}
