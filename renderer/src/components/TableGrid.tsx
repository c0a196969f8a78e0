/**
 * A table from a result as a grid (H5): a real <table>, its first row the header, each cell on one line and never
 * wrapped into pieces; a table wider than the panel scrolls sideways in its own box, which the keyboard can scroll.
 */
import { useTranslation } from 'react-i18next';
import type { Table } from '../../../main/text/tables.ts';
import './TableGrid.css';

export function TableGrid({ table }: { table: Table }) {
  const { t } = useTranslation();
  const [head = [], ...body] = table;
  return (
    <div className="table-grid" tabIndex={0} role="region" aria-label={t('modes.tableLabel', { rows: body.length, columns: head.length })} data-testid="table-grid">
      <table>
        <thead>
          <tr>{head.map((cell, i) => <th key={i} scope="col">{cell}</th>)}</tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>{row.map((cell, i) => <td key={i}>{cell}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
