import Link from "@/components/ui/link";
import { createElement, type ReactNode } from "react";
import { createTable, getCoreRowModel, type ColumnDef } from "@tanstack/table-core";
import { ScrollBox } from "@/components/ui/scroll-box";

interface UrlView {
  sort: string;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
}

/** The page sizes offered under every table; any other from 10 to 200 still works in the URL. */
const pageSizes = [25, 50, 100];

/** A header or cell definition, rendered the way @tanstack/react-table's flexRender does. */
function render<P extends object>(definition: unknown, props: P): ReactNode {
  return typeof definition === "function"
    ? createElement(definition as (p: P) => ReactNode, props)
    : (definition as ReactNode);
}

/**
 * A TanStack table whose sorting and paging live in the URL and happen in the database: headers and page
 * links are plain links (shareable, keyboard-reachable), the rows are one page from the server. It renders on the
 * server only: nothing in it changes in the browser, so it ships no component code (React still adopts its elements
 * when the page hydrates, which is why a page's rows are what its first seconds cost).
 */
export function UrlTable<Row, View extends UrlView>({
  rows,
  total,
  columns,
  view,
  href,
  label,
  testId,
  rowTestId,
  rowAttributes,
  footer,
  meta,
}: {
  rows: Row[];
  total: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<Row, any>[];
  view: View;
  href: (change: Partial<View>) => string;
  /** names the table's scrolling box for assistive technology */
  label: string;
  testId: string;
  rowTestId: string;
  rowAttributes?: (row: Row) => Record<string, string>;
  footer?: React.ReactNode;
  meta?: Record<string, unknown>;
}) {
  const table = createTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    meta,
    state: {},
    onStateChange: () => {},
    renderFallbackValue: null,
  });
  table.setOptions((options) => ({ ...options, state: table.initialState }));
  const pages = Math.max(1, Math.ceil(total / view.pageSize));
  const first = total === 0 ? 0 : (view.page - 1) * view.pageSize + 1;
  return (
    <div>
      <ScrollBox label={label} className="rounded border border-slate-200 bg-white">
        {/* Cell and row styles are set once here, not on each of the page's hundreds of cells: the HTML and the
            React payload that carries it again are a quarter smaller. */}
        <table
          className="w-full border-collapse text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:whitespace-nowrap [&>tbody>tr]:border-b [&>tbody>tr]:border-slate-100 [&>tbody>tr:hover]:bg-slate-50"
          data-testid={testId}
        >
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr
                key={group.id}
                className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500"
              >
                {group.headers.map((header) => {
                  const id = header.column.id;
                  const active = view.sort === id;
                  const label = render(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      className="px-3 py-2 font-medium"
                      aria-sort={active ? (view.dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <Link
                          href={href({
                            sort: id,
                            dir: active && view.dir === "desc" ? "asc" : "desc",
                            page: 1,
                          } as Partial<View>)}
                          className="hover:text-slate-900"
                        >
                          {label} {active ? (view.dir === "asc" ? "▲" : "▼") : ""}
                        </Link>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid={rowTestId} {...rowAttributes?.(row.original)}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{render(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span data-testid={`${testId.replace(/-table$/, "")}-count`}>
          {first}–{Math.min(total, view.page * view.pageSize)} of {total}
        </span>
        {view.page > 1 ? (
          <Link className="text-sky-700 hover:underline" href={href({ page: view.page - 1 } as Partial<View>)}>
            ← Previous
          </Link>
        ) : null}
        <span>
          Page {view.page} of {pages}
        </span>
        {view.page < pages ? (
          <Link className="text-sky-700 hover:underline" href={href({ page: view.page + 1 } as Partial<View>)}>
            Next →
          </Link>
        ) : null}
        {total > Math.min(...pageSizes) ? (
          <span data-testid="page-sizes">
            Rows per page:{" "}
            {pageSizes.map((size) =>
              size === view.pageSize ? (
                <strong key={size} aria-current="true" className="mx-1 font-semibold text-slate-900">
                  {size}
                </strong>
              ) : (
                <Link
                  key={size}
                  className="mx-1 text-sky-700 underline"
                  href={href({ pageSize: size, page: 1 } as Partial<View>)}
                  aria-label={`${size} rows per page`}
                >
                  {size}
                </Link>
              ),
            )}
          </span>
        ) : null}
        {footer}
      </nav>
    </div>
  );
}
