import { describe, expect, it } from 'vitest'
import type { Section } from '@/api/types'
import { flattenSections, sectionLabel } from './sections'

const tree = [
  { id: 1, number: 'I', heading: 'Đánh giá', text: null, children: [{ id: 2, number: 'I.1', heading: 'Kinh tế', text: null, children: [] }] },
  { id: 3, number: 'II', heading: 'Phương hướng', text: null, children: [] },
] as Section[]

describe('section tree', () => {
  it('flattens depth first with indentation', () => {
    const flat = flattenSections(tree)
    expect(flat.map((s) => [s.id, s.depth])).toEqual([[1, 0], [2, 1], [3, 0]])
    expect(flat[1]!.label).toBe('\u00a0\u00a0I.1 · Kinh tế')
  })
  it('labels a section by id', () => {
    expect(sectionLabel(tree, 2)).toBe('I.1 Kinh tế')
    expect(sectionLabel(tree, null)).toBe('')
  })
})
