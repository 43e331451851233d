import type { ReactNode } from "react";

/** A column heading; `hidden` ones are for screen readers only (a column of buttons). */
export type Column = string | { label: string; hidden: true };

type DataTableProps = {
  caption: string;
  columns: Column[];
  /** Rows become labelled blocks on a phone (each cell needs its data-label). */
  stacked?: boolean;
  className?: string;
  children: ReactNode;
};

/** A table of rows with a caption for screen readers, in the site's one table style. */
export function DataTable({ caption, columns, stacked = true, className = "text-sm", children }: DataTableProps) {
  return (
    <table className={`${stacked ? "stacked-table " : ""}w-full border-collapse text-left ${className}`.trim()}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-slate-700">
          {columns.map((column, index) => (
            <th key={index} scope="col" className={index < columns.length - 1 ? "py-2 pr-4" : "py-2"}>
              {typeof column === "string" ? column : <span className="sr-only">{column.label}</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  action: string;
  reason?: string | null;
  changes: { field: string; label: string; before: string; after: string }[];
};

/** An audit log (the broker's item page, the admin's recent changes): when, who, what, and each field before and after. */
export function AuditTable({
  caption,
  actionHeading,
  entries,
  className,
}: {
  caption: string;
  actionHeading: string;
  entries: AuditEntry[];
  className?: string;
}) {
  return (
    <DataTable caption={caption} columns={["When", "Who", actionHeading, "Before → after"]} className={`text-sm ${className ?? ""}`}>
      {entries.map((entry) => (
        <tr key={entry.id} className="border-b border-slate-200 align-top">
          <td data-label="When" className="py-2 pr-4 whitespace-nowrap">
            {entry.at}
          </td>
          <td data-label="Who" className="py-2 pr-4">
            {entry.actor}
          </td>
          <td data-label={actionHeading} className="py-2 pr-4">
            {entry.action}
            {entry.reason ? <span className="block text-slate-700 whitespace-pre-line">“{entry.reason}”</span> : null}
          </td>
          <td data-label="Before → after" className="py-2">
            {entry.changes.length ? (
              <ul className="space-y-1">
                {entry.changes.map((change) => (
                  <li key={change.field} className="whitespace-pre-line">
                    <span className="font-semibold">{change.label}:</span> {change.before || "(not set)"} → {change.after || "(not set)"}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-700">(no field changes)</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
