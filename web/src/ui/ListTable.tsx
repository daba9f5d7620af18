/**
 * The administrator's lists (accounts, units) as one kind of table: a header per column, the row's
 * name as its row header, "loading" while the rows are read and a sentence when there are none.
 * The rows come in the order the screen wants them (the units as their tree); the table keeps it.
 */
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ListColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The column that names the row, drawn as its `<th scope="row">` for screen readers. */
  rowHeader?: boolean;
  className?: string;
  style?: (row: T) => CSSProperties;
}

interface ListTableProps<T> {
  /** null while the rows are read. */
  rows: readonly T[] | null;
  columns: readonly ListColumn<T>[];
  rowKey: (row: T) => string;
  /** The row's `data-*` attributes, by which the tests (and the reader's tools) find it. */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  /** What an empty list says. */
  empty: string;
  testId: string;
}

export function ListTable<T>({ rows, columns, rowKey, rowData, empty, testId }: ListTableProps<T>) {
  const { t } = useTranslation();
  if (rows === null) return <p role="status">{t('common.loading')}</p>;
  if (rows.length === 0) return <p data-testid={`${testId}-empty`}>{empty}</p>;
  return (
    <div className="table-responsive">
      <table className="table table-sm" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowData?.(row)}>
              {columns.map((c) => {
                const props = { className: c.className, style: c.style?.(row) };
                return c.rowHeader === true ? (
                  <th key={c.header} scope="row" {...props}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header} {...props}>
                    {c.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
