/**
 * What a reader can make of published amounts, for the tests of what the art. 20 pages withhold:
 * the amounts read from a page or a file as it writes them, and every sum and difference of them.
 */

/** Every sum and difference of the numbers (each taken once, added, subtracted or left out). */
export function combinations(numbers: readonly number[]): Set<number> {
  let sums = new Set([0]);
  for (const n of numbers) sums = new Set([...sums].flatMap((s) => [s, s + n, s - n]));
  return sums;
}

/** Amounts as a page or file writes them (`1.234,56`, `1,234.56`, `1234.56`), in cents. */
export function amounts(text: string): number[] {
  return [...text.matchAll(/\d{1,3}(?:[.,]\d{3})*[.,]\d{2}(?!\d)/g)].map((m) => Number(m[0].replace(/[.,](?=\d{3})/g, '').replace(/[.,](?=\d{2}$)/, '')));
}

/**
 * A workbook cell as `amounts` reads it: an amount (a number in euros, shown to the cent) with its
 * two decimals (`3100` → `3100.00`), anything else as its value's text.
 */
export function cellAmountText(cell: { value: unknown; numFmt?: string }): string {
  return typeof cell.value === 'number' && cell.numFmt === '#,##0.00' ? cell.value.toFixed(2) : String(cell.value ?? '');
}
