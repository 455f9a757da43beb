/**
 * Which hidden cells of a table the published ones give away through any combination of its lines,
 * not only one line at a time. An attacker who knows that each line's parent is the sum of its
 * children (and that some pairs of cells hold one value) writes one equation per line, moves the
 * published cells to the known side and solves for the hidden ones: a hidden cell is given away
 * exactly when the equations' row space holds the vector that picks it alone. Found from outside: a
 * county's months and quarter with its municipalities' published zeros gave a municipality's hidden
 * 1 away through four lines, where no single line had only one hidden cell.
 *
 * The equations are reduced to reduced row-echelon form modulo a prime, sparse row by row: rank over
 * the prime equals rank over the rationals for these small integer coefficients except with
 * vanishing probability, and residues below 2^26 multiply exactly in a double.
 */

const PRIME = 67_108_859;

const mod = (value: number) => ((value % PRIME) + PRIME) % PRIME;
const times = (a: number, b: number) => (a * b) % PRIME;

function inverse(value: number): number {
  // Fermat: value^(p−2) is its inverse modulo the prime.
  let result = 1;
  let base = value;
  for (let exponent = PRIME - 2; exponent > 0; exponent = Math.floor(exponent / 2)) {
    if (exponent % 2 === 1) result = times(result, base);
    base = times(base, base);
  }
  return result;
}

/** One equation: a coefficient (a residue, never 0) for each unknown it names. */
type Row = Map<number, number>;
export type Equation = readonly (readonly [cell: number, coefficient: number])[];

/**
 * The hidden cells determined by `equations` (each a list of cells with their coefficients, summing
 * to a known value), given which cells are hidden. Cells not hidden are known and drop out.
 */
export function determinedHiddenCells(
  equations: Iterable<Equation>,
  isHidden: (cell: number) => boolean,
): number[] {
  const determined: number[] = [];
  for (const [pivot, row] of reducedRows(equations, isHidden))
    if (row.size === 1) determined.push(pivot);
  return determined;
}

/**
 * What `equations` say about the `shared` unknowns alone: the combinations of them that the
 * equations fix, every other unknown eliminated. Another table that shares those unknowns (a
 * metric's totals, in each breakdown's table) adds these to its own equations to be solved as one.
 */
export function sharedConsequences(
  equations: Iterable<Equation>,
  isHidden: (cell: number) => boolean,
  isShared: (cell: number) => boolean,
): Equation[] {
  const consequences: Equation[] = [];
  // With the unknowns of this table's own eliminated first, a row whose pivot is shared names no
  // other (echelon form), and those rows span every combination of shared unknowns the table fixes.
  for (const [pivot, row] of reducedRows(equations, isHidden, (cell) => !isShared(cell)))
    if (isShared(pivot)) consequences.push([...row]);
  return consequences;
}

/**
 * The equations in reduced row-echelon form over the hidden unknowns: each pivot with its row.
 * `eliminateFirst` unknowns are taken as pivots before any other a row names.
 */
function reducedRows(
  equations: Iterable<Equation>,
  isHidden: (cell: number) => boolean,
  eliminateFirst: (cell: number) => boolean = () => true,
): Map<number, Row> {
  const pivotRows = new Map<number, Row>();
  /** For each unknown, the pivots whose rows name it: what a new pivot must be eliminated from. */
  const rowsNaming = new Map<number, Set<number>>();
  const naming = (unknown: number) => {
    let pivots = rowsNaming.get(unknown);
    if (!pivots) rowsNaming.set(unknown, (pivots = new Set()));
    return pivots;
  };
  const subtract = (row: Row, factor: number, pivotRow: Row, pivot: number | null) => {
    for (const [unknown, coefficient] of pivotRow) {
      const value = mod((row.get(unknown) ?? 0) - times(factor, coefficient));
      if (value === 0) {
        row.delete(unknown);
        if (pivot !== null) rowsNaming.get(unknown)?.delete(pivot);
      } else {
        if (pivot !== null && !row.has(unknown)) naming(unknown).add(pivot);
        row.set(unknown, value);
      }
    }
  };

  for (const equation of equations) {
    const row: Row = new Map();
    for (const [cell, coefficient] of equation)
      if (isHidden(cell)) row.set(cell, mod((row.get(cell) ?? 0) + coefficient));
    for (const [cell, coefficient] of row) if (coefficient === 0) row.delete(cell);
    if (row.size === 0) continue;
    // Reduced by the pivots it names: a pivot row names no other pivot, so one pass does.
    for (const unknown of [...row.keys()]) {
      const pivotRow = pivotRows.get(unknown);
      const factor = row.get(unknown);
      if (pivotRow && factor !== undefined) subtract(row, factor, pivotRow, null);
    }
    if (row.size === 0) continue;
    // The unknown named by the fewest rows keeps the rows sparse.
    let pivot = -1;
    for (const unknown of row.keys()) {
      if (pivot === -1) pivot = unknown;
      else if (eliminateFirst(unknown) !== eliminateFirst(pivot)) {
        if (eliminateFirst(unknown)) pivot = unknown;
      } else if (naming(unknown).size < naming(pivot).size) pivot = unknown;
    }
    const scale = inverse(row.get(pivot) as number);
    for (const [unknown, coefficient] of row) row.set(unknown, times(coefficient, scale));
    for (const other of [...naming(pivot)]) {
      const otherRow = pivotRows.get(other) as Row;
      subtract(otherRow, otherRow.get(pivot) as number, row, other);
    }
    pivotRows.set(pivot, row);
    for (const unknown of row.keys()) naming(unknown).add(pivot);
  }
  return pivotRows;
}
