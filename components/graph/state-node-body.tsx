import type { GraphState } from "@/lib/analysis/graph/state-graph-model";
import type { StateNodeData } from "./to-flow-elements";
import { describeKind } from "./describe-kind";

export { describeKind } from "./describe-kind";
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
