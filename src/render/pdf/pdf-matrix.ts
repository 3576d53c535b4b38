/** A PDF transformation matrix [a b c d e f] (row vectors: a point is [x y 1] times it). */
export type Matrix = [number, number, number, number, number, number];

/** m then n: the matrix of applying m first and then n (for a form drawn in a page: form's matrix, then the page's). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}
