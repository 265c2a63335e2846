"use client";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, useContext } from "react";
import { GraphActionsContext } from "./graph-actions";
import { StateNodeBody } from "./state-node-body";
import type { BranchFlowNode, StateFlowNode } from "./to-flow-elements";
import styles from "./state-graph.module.css";

/** React Flow node for a state (a Map or Parallel is a group its children sit in). Edges follow ELK's routes, so handles are invisible. */
export const StateNode = memo(function StateNode({ data }: NodeProps<StateFlowNode>) {
  const actions = useContext(GraphActionsContext);
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} className={styles.handle} />
      <StateNodeBody data={data} open={actions.openPath === data.state.path} panelId={actions.panelId} onOpen={() => actions.open(data.state.path)} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className={styles.handle} />
    </>
  );
});

/** A Parallel branch: a labelled frame around its states. */
export const BranchNode = memo(function BranchNode({ data }: NodeProps<BranchFlowNode>) {
  return <div className={styles.branch}>{data.label}</div>;
});
