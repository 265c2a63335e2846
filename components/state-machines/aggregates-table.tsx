"use client";
import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { useState } from "react";
import type { StateAggregate } from "@/lib/domain/state-machine-view";
import { formatCount, formatDecimal, formatPercent } from "@/lib/analysis/format";
import { PAYLOAD_LIMIT_BYTES } from "@/lib/analysis/limits";
import { Bytes } from "../common/bytes";
import { SortableHeader } from "../common/sortable-header";

const column = createColumnHelper<StateAggregate>();
const COLUMNS = [
  column.accessor("path", { header: "State", cell: (c) => <code>{c.getValue()}</code> }),
  column.accessor("executions", { header: "Runs", cell: (c) => formatCount(c.getValue()), meta: { num: true } }),
  column.accessor("failures", { header: "Failures", cell: (c) => formatCount(c.getValue()), meta: { num: true } }),
  column.accessor("timeouts", { header: "Timeouts", cell: (c) => formatCount(c.getValue()), meta: { num: true } }),
  column.accessor((a) => a.maxBytes ?? -1, {
    id: "maxBytes",
    header: "Max payload",
    meta: { num: true },
    cell: (c) => {
      const bytes = c.row.original.maxBytes;
      return (
        <>
          <Bytes bytes={bytes} /> {bytes !== null ? <span className="muted">({formatPercent(bytes / PAYLOAD_LIMIT_BYTES)})</span> : null}
        </>
      );
    },
  }),
  column.accessor((a) => a.p95Bytes ?? -1, { id: "p95Bytes", header: "p95 payload", meta: { num: true }, cell: (c) => <Bytes bytes={c.row.original.p95Bytes} /> }),
  column.accessor("eventsPerExecution", { header: "Events / execution", cell: (c) => formatDecimal(c.getValue()), meta: { num: true } }),
];

/** Per-state failures, timeouts and payload peaks over the recent executions; sortable, largest payload first. */
export function AggregatesTable({ aggregates, analysed }: { aggregates: StateAggregate[]; analysed: number }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "maxBytes", desc: true }]);
  // TanStack Table hands back a fresh instance each render; the compiler skipping memoisation here is what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: aggregates, columns: COLUMNS, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
  if (aggregates.length === 0) return <p className="muted">No executions analysed yet.</p>;
  return (
    <div className="table-scroll">
      <table aria-label={`Per-state figures over ${formatCount(analysed)} recent executions`}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeader key={header.id} header={header} num={Boolean((header.column.columnDef.meta as { num?: boolean } | undefined)?.num)} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid="aggregate-row">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={(cell.column.columnDef.meta as { num?: boolean } | undefined)?.num ? "num" : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
