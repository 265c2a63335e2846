import { flexRender, type Header } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";

/** A TanStack Table header cell that sorts on click and says its order to screen readers (aria-sort). */
export function SortableHeader<Row>({ header, num }: { header: Header<Row, unknown>; num: boolean }) {
  const sorted = header.column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <th className={num ? "num" : undefined} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}>
      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
        {flexRender(header.column.columnDef.header, header.getContext())}
        <Icon size={12} aria-hidden className="icon" />
      </button>
    </th>
  );
}
