/** Helpers over a document's section tree. */
import type { Section } from '@/api/types'

export interface FlatSection {
  id: number
  number: string
  heading: string
  depth: number
  label: string
}

/** Depth-first list for a <select>: "II.3 · Heading", indented by depth. */
export function flattenSections(sections: Section[], depth = 0): FlatSection[] {
  const out: FlatSection[] = []
  for (const s of sections) {
    const label = `${'\u00a0\u00a0'.repeat(depth)}${s.number ? `${s.number} · ` : ''}${s.heading}`
    out.push({ id: s.id, number: s.number, heading: s.heading, depth, label })
    out.push(...flattenSections((s.children ?? []) as Section[], depth + 1))
  }
  return out
}

export function sectionLabel(sections: Section[], id: number | null | undefined): string {
  if (id == null) return ''
  const s = flattenSections(sections).find((x) => x.id === id)
  return s ? `${s.number} ${s.heading}`.trim() : `#${id}`
}
