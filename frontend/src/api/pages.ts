/** Cursor pages (`{items, next_cursor}`), the shape of every list the API answers. */

export interface Page<T> {
  items: T[]
  next_cursor?: string | null
}

/** Every page of a cursor-paginated list, up to `max` pages. */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, max = 50): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  for (let i = 0; i < max; i++) {
    const page = await fetchPage(cursor)
    out.push(...page.items)
    if (!page.next_cursor) break
    cursor = page.next_cursor
  }
  return out
}
