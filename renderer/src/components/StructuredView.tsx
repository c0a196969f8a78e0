/** A result's structure (M15, H5) shown as what it is: a table as a grid, key information as fields, a formula drawn. */
import type { Structure } from '../../../main/text/structure.ts';
import { FieldList } from './FieldList.tsx';
import { FormulaView } from './FormulaView.tsx';
import { TableGrid } from './TableGrid.tsx';

interface Props {
  structure: Structure;
  onCopyField: (value: string) => void;
}

export function StructuredView({ structure, onCopyField }: Props) {
  switch (structure.kind) {
    case 'table':
      return <TableGrid table={structure.table} />;
    case 'fields':
      return <FieldList fields={structure.fields} onCopy={onCopyField} />;
    case 'latex':
      return <FormulaView latex={structure.latex} />;
  }
}
