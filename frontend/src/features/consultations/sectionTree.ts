/** The editable section tree of a new document (pure functions, unit-tested). */
export interface SectionNode {
  number: string
  heading: string
  text: string
  children: SectionNode[]
}

export const emptySection = (): SectionNode => ({ number: '', heading: '', text: '', children: [] })

/** Moves item i of a list by delta (−1 up, +1 down) if it stays inside; returns the list. */
export function move<T>(list: T[], i: number, delta: number): T[] {
  const j = i + delta
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return list
  const [x] = list.splice(i, 1)
  list.splice(j, 0, x!)
  return list
}

/** The API body: trims text, drops blank optional text, keeps order. */
export function toApi(nodes: SectionNode[]): { number: string; heading: string; text: string | null; children: ReturnType<typeof toApi> }[] {
  return nodes.map((n) => ({ number: n.number.trim(), heading: n.heading.trim(), text: n.text.trim() || null, children: toApi(n.children) }))
}

/** Paths ("0.2.1") of nodes without a heading, to flag before sending. */
export function missingHeadings(nodes: SectionNode[], prefix = ''): string[] {
  return nodes.flatMap((n, i) => {
    const path = prefix ? `${prefix}.${i}` : String(i)
    return [...(n.heading.trim() ? [] : [path]), ...missingHeadings(n.children, path)]
  })
}
