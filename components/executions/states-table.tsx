"use client";
import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { useState } from "react";
import type { StateOutcome, VisitReport } from "@/lib/domain/report";
import { formatCount, formatDuration } from "@/lib/analysis/format";
import { OUTCOME_TEXT } from "@/lib/analysis/graph/overlay";
import { Bytes } from "../common/bytes";
import { SortableHeader } from "../common/sortable-header";
import { Time } from "../common/time";
import styles from "./execution.module.css";

// Colour per outcome; the words are the graph's (OUTCOME_TEXT), so a state reads the same in both.
const OUTCOME_CLASS: Record<StateOutcome, string> = {
  "not-reached": "muted",
  succeeded: "status-SUCCEEDED",
  "retried-succeeded": "status-SUCCEEDED",
  caught: "status-TIMED_OUT",
  failed: "status-FAILED",
  "timed-out": "status-TIMED_OUT",
  running: "status-RUNNING",
};

const column = createColumnHelper<VisitReport>();
// Unknown sizes and attempts sort below every known one, whichever the direction.
const known = (n: number | null) => n ?? undefined;

const columns = [
  column.accessor("path", {
    header: "State",
    cell: ({ row: { original: v } }) => (
      <>
        <span className={styles.path}>{v.path}</span>
        {v.iteration !== null ? <span className="muted"> · item {v.iteration}</span> : null}
        {v.run > 0 ? <span className="muted"> · redrive {v.run}</span> : null}
      </>
    ),
  }),
  column.accessor("outcome", {
    header: "Status",
    cell: ({ getValue }) => <span className={`status ${OUTCOME_CLASS[getValue()]}`}>{OUTCOME_TEXT[getValue()].text}</span>,
  }),
  // Entry order is start order: sort by it, show the time.
  column.accessor("index", { id: "start", header: "Start", cell: ({ row }) => <Time iso={row.original.startedAt} /> }),
  column.accessor("durationMs", { header: "Duration", cell: ({ getValue }) => formatDuration(getValue()), meta: { num: true } }),
  column.accessor((v) => known(v.attempts), {
    id: "attempts",
    header: "Attempts",
    sortUndefined: "last",
    cell: ({ row: { original: v } }) =>
      v.attempts === null ? <span className="muted">—</span> : <>{formatCount(v.attempts)}{v.retries > 0 ? <span className="muted"> ({formatCount(v.retries)} {v.retries === 1 ? "retry" : "retries"})</span> : null}</>,
    meta: { num: true },
  }),
  column.accessor((v) => known(v.inputBytes), { id: "input", header: "Input", sortUndefined: "last", cell: ({ row }) => <Bytes bytes={row.original.inputBytes} />, meta: { num: true } }),
  column.accessor((v) => known(v.outputBytes), { id: "output", header: "Output", sortUndefined: "last", cell: ({ row }) => <Bytes bytes={row.original.outputBytes} />, meta: { num: true } }),
];

const isNum = (meta: unknown) => (meta as { num?: boolean } | undefined)?.num === true;

/** One row per state visit: status, start, time in the state, attempts, input and output bytes; sortable by any column. */
export function StatesTable({ visits, total }: { visits: readonly VisitReport[]; total: number }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  // TanStack Table hands back new functions each render, so the React Compiler leaves this component as
  // written (its own rule says so); nothing memoised depends on `table`.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: visits as VisitReport[],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (v) => String(v.index),
  });
  if (visits.length === 0) return <p className="muted">No state was entered yet.</p>;
  return (
    <>
      <p className="muted" data-testid="states-count">
        {total > visits.length
          ? `${formatCount(visits.length)} of ${formatCount(total)} visits: every one that did not simply succeed, then the earliest.`
          : `${formatCount(visits.length)} state ${visits.length === 1 ? "visit" : "visits"}, in the order entered. Sort by any column.`}
      </p>
      {/* Wide on a phone: the table scrolls in its own box, never the page. Focusable so a keyboard can scroll it. */}
      <div className={styles.scroll} role="region" aria-label="State visits table" tabIndex={0}>
        <table aria-label="State visits" data-testid="states-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <SortableHeader key={header.id} header={header} num={isNum(header.column.columnDef.meta)} />
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid="state-visit-row" data-path={row.original.path} data-outcome={row.original.outcome}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={isNum(cell.column.columnDef.meta) ? "num" : undefined}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
