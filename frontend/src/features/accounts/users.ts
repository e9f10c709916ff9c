/** The users screen's logic: the diacritics-blind search over the loaded list, and unit labels. */

/**
 * Search form, as the server folds (backend/ykien/core/text.py `fold`): no diacritics (đ → d
 * included), case-folded, blanks collapsed. "Nguyễn Thị Đào" → "nguyen thi dao".
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** A unit with its ancestry, nearest first: "Khu phố 2 — Phường Vĩnh Thanh Vân — Thành phố Rạch Giá". */
export function unitLabel(name: string, ancestors: string[]): string {
  return [name, ...ancestors].join(' — ')
}

/** The rows whose username, full name or unit label hold every word of the query (diacritics-blind). */
export function filterUsers<T extends { username: string; full_name: string; unit_id: number | null }>(
  users: T[],
  query: string,
  unitLabels: Record<number, string> = {},
): T[] {
  const words = fold(query).split(' ').filter(Boolean)
  if (!words.length) return users
  return users.filter((u) => {
    const hay = fold(`${u.username} ${u.full_name} ${u.unit_id != null ? (unitLabels[u.unit_id] ?? '') : ''}`)
    return words.every((w) => hay.includes(w))
  })
}
