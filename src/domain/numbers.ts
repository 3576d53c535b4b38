/** Rounding and grouping as the papers print figures. No locale data, so the same everywhere. Pure. */

/** To one decimal place, half up on the value times ten: 93.15 → 93.2. */
export function roundToTenth(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Whole per cent, rounded half up: 2 of 3 is 67. */
export function percentOf(part: number, whole: number): number {
  return Math.round((part * 100) / whole);
}

/** The number as it prints with `places` decimals (toFixed's rounding), so a value matches its text. */
export function roundAsPrinted(value: number, places: number): number {
  return Number(value.toFixed(places));
}

/** "1234567" → "1,234,567": a comma between each group of three digits of a whole number's digits. */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
