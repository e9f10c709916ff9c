import { describe, expect, it } from 'vitest'
import { canJudge, canWrite, periodOf, periodParts, previousPeriod, recentPeriods } from './periodic'

describe('periods', () => {
  it('names the period of a day', () => {
    expect(periodOf('month', '2026-11-30')).toBe('2026-11')
    expect(periodOf('quarter', '2026-11-30')).toBe('2026-Q4')
    expect(periodOf('quarter', '2026-01-01')).toBe('2026-Q1')
    expect(periodOf('final', '2026-11-30')).toBe('2026-final')
  })
  it('steps back across years', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12')
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4')
    expect(previousPeriod('2026-final')).toBe('2025-final')
    expect(recentPeriods('month', '2026-02-10', 3)).toEqual(['2026-02', '2026-01', '2025-12'])
  })
  it('splits a key for its label', () => {
    expect(periodParts('2026-Q4')).toEqual({ kind: 'quarter', year: '2026', n: 'IV' })
    expect(periodParts('2026-03')).toEqual({ kind: 'month', year: '2026', n: '3' })
  })
})

describe('who may act', () => {
  const sec = { role: 'secretary', unit_id: 5 }
  it('the unit writes its drafts and returned reports only', () => {
    expect(canWrite(sec, { unit: { id: 5, name: 'X', level: 'commune' }, status: 'draft' })).toBe(true)
    expect(canWrite(sec, { unit: { id: 5, name: 'X', level: 'commune' }, status: 'returned' })).toBe(true)
    expect(canWrite(sec, { unit: { id: 5, name: 'X', level: 'commune' }, status: 'submitted' })).toBe(false)
    expect(canWrite({ role: 'viewer', unit_id: 5 }, { unit: { id: 5, name: 'X', level: 'commune' }, status: 'draft' })).toBe(false)
  })
  it('the unit above judges what is submitted', () => {
    expect(canJudge(sec, { parent_unit_id: 5, status: 'submitted' })).toBe(true)
    expect(canJudge(sec, { parent_unit_id: 5, status: 'draft' })).toBe(false)
    expect(canJudge(sec, { parent_unit_id: 6, status: 'submitted' })).toBe(false)
  })
})
