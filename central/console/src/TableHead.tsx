/** A table's header row: one column heading each; `num` right-aligns a column of figures, `hidden` keeps a heading for screen readers only. */
export type Column = string | { readonly label: string; readonly num?: boolean; readonly hidden?: boolean };

export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => {
          const col = typeof c === 'string' ? { label: c } : c;
          return (
            <th key={i} scope="col" className={col.num ? 'num' : undefined}>
              {col.hidden ? <span className="sr-only">{col.label}</span> : col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
