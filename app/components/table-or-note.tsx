import type { ReactNode } from "react";
import { DataTable, type Column } from "./data-table";

/** The viewer's own rows as a table (scrolling sideways on a narrow screen), or a note when there are none. */
export function TableOrNote({
  rows,
  note,
  caption,
  columns,
  className,
  children,
}: {
  rows: number;
  note: ReactNode;
  caption: string;
  columns: Column[];
  /** The table's text size and width (DataTable's default when left out). */
  className?: string;
  children: ReactNode;
}) {
  if (!rows) return <p className="mt-6 rounded bg-slate-50 p-4">{note}</p>;
  return (
    <div className="mt-6 overflow-x-auto">
      <DataTable caption={caption} columns={columns} stacked={false} className={className}>
        {children}
      </DataTable>
    </div>
  );
}
