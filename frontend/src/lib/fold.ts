/**
 * Vietnamese folding for client-side matching, the same rule as the server's search:
 * NFD, drop combining marks, đ→d / Đ→D, lower case. "Đảng" → "dang".
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
}

/** True when every word of `query` occurs in `text`, ignoring diacritics and case. */
export function matches(text: string, query: string): boolean {
  const t = fold(text)
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => t.includes(w))
}
