/**
 * What the repositories read from each table, declared next to their SQL. `db/columns.test.ts`
 * compares every declaration with `information_schema.columns` of a freshly migrated database, so
 * a migration that renames or drops a column a repository reads fails that test instead of a
 * user's request. Select lists are built from the declarations (`list`), so what is declared is
 * what is read; `rowColumns` also ties a row type to its table, both ways.
 */

/** Columns of one table that code reads (or writes). */
export interface TableColumns<C extends string = string> {
  readonly table: string;
  readonly columns: readonly C[];
  /**
   * The select list `alias.c1, alias.c2, …`; a column given in `exprs` is read through that
   * expression instead (`to_char(…) as c`).
   */
  list(alias?: string, exprs?: Partial<Record<C, string>>): string;
}

const declared: TableColumns[] = [];

/** Every declaration made so far (by the modules imported so far). */
export const declaredColumns = (): readonly TableColumns[] => declared;

/** Declares that code reads `columns` of `table`. */
export function columnsOf<const C extends string>(table: string, columns: readonly C[]): TableColumns<C> {
  const t: TableColumns<C> = {
    table,
    columns,
    list: (alias, exprs = {}) =>
      columns
        .map((c) => {
          const expr = exprs[c];
          return expr ? `${expr} as ${c}` : alias ? `${alias}.${c}` : c;
        })
        .join(', '),
  };
  declared.push(t);
  return t;
}

type Missing<Row, C extends readonly string[]> = Exclude<keyof Row & string, C[number]>;

/**
 * Declares that a row of type `Row` is exactly `columns` of `table`: naming a field that `Row`
 * lacks, or leaving one of its fields out, does not compile. `rowColumns<UserRow>()('users', [...])`.
 */
export const rowColumns =
  <Row>() =>
  <const C extends readonly (keyof Row & string)[]>(
    table: string,
    columns: C &
      ([Missing<Row, C>] extends [never] ? unknown : { 'fields of the row type left out': Missing<Row, C> }),
  ): TableColumns<C[number]> =>
    columnsOf(table, columns);
