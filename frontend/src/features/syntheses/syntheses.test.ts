import { describe, expect, it } from 'vitest'
import type { SynthesisSummary } from '@/api/types'
import { canCompile, canOpenNew, levelSubmits, needsEmptyConfirmation, pageOf, returnedPredecessor, summaryFromComment } from './syntheses'

const s = (status: SynthesisSummary['status']) => ({ status })

describe('opening a synthesis version', () => {
  it('is allowed when there is none, or every earlier one was returned', () => {
    expect(canOpenNew([])).toBe(true)
    expect(canOpenNew([s('returned')])).toBe(true)
    expect(canOpenNew([s('returned'), s('draft')])).toBe(false)
    expect(canOpenNew([s('submitted')])).toBe(false)
    expect(canOpenNew([s('accepted')])).toBe(false)
  })
})

describe('who compiles', () => {
  const c = { deadlines: { residential_area: '2026-01-05', commune: '2026-01-12' } }
  it('a level submits only when the consultation gives it a deadline', () => {
    expect(levelSubmits(c, 'commune')).toBe(true)
    expect(levelSubmits({ deadlines: { commune: '2026-01-12' } }, 'residential_area')).toBe(false)
    expect(levelSubmits(null, 'commune')).toBe(false)
  })
  it('entry users only at a residential area whose level submits', () => {
    expect(canCompile('secretary', 'commune', c)).toBe(true)
    expect(canCompile('admin', 'province', null)).toBe(true)
    expect(canCompile('entry', 'residential_area', c)).toBe(true)
    expect(canCompile('entry', 'residential_area', { deadlines: {} })).toBe(false)
    expect(canCompile('entry', 'commune', c)).toBe(false)
    expect(canCompile('viewer', 'residential_area', c)).toBe(false)
  })
})

describe('suggestion pages', () => {
  const list = Array.from({ length: 76 }, (_, i) => i)
  it('ten to a page, the last page shorter, a page out of range clamped', () => {
    expect(pageOf(list, 0, 10)).toEqual({ rows: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], pages: 8, page: 0 })
    expect(pageOf(list, 7, 10).rows).toEqual([70, 71, 72, 73, 74, 75])
    expect(pageOf(list, 99, 10).page).toBe(7)
    expect(pageOf([], 3, 10)).toEqual({ rows: [], pages: 1, page: 0 })
  })
})

describe('checks before submitting', () => {
  it('asks for confirm_empty only for no items over a subtree with comments', () => {
    expect(needsEmptyConfirmation(0, [{ code: 'uncovered_comments', count: 12 }])).toBe(true)
    expect(needsEmptyConfirmation(0, [])).toBe(false)
    expect(needsEmptyConfirmation(2, [{ code: 'uncovered_comments', count: 12 }])).toBe(false)
    expect(needsEmptyConfirmation(0, [{ code: 'child_missing', count: null }])).toBe(false)
  })
})

describe('versions', () => {
  const v = [
    { id: 'a', status: 'returned' as const, version: 1 },
    { id: 'b', status: 'draft' as const, version: 2 },
  ]
  it('names the returned version a draft was copied from', () => {
    expect(returnedPredecessor(v, 'a')?.version).toBe(1)
    expect(returnedPredecessor(v, null)).toBeNull()
    expect(returnedPredecessor(v, 'b')).toBeNull()
  })
})

describe('an uncovered comment made an item', () => {
  it('takes the text, trimmed, within 10,000 characters', () => {
    expect(summaryFromComment('  Đề nghị bổ sung  ')).toBe('Đề nghị bổ sung')
    expect(summaryFromComment('x'.repeat(12000))).toHaveLength(10000)
  })
})
