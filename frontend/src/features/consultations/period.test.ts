import { describe, expect, it } from 'vitest'
import { entryLabels, formatMonth, monthBounds, parseMonth } from './period'

describe('months', () => {
  it('reads what a person types', () => {
    expect(parseMonth('11/2026')).toBe('2026-11')
    expect(parseMonth(' 3/2027 ')).toBe('2027-03')
    expect(parseMonth('2026-12')).toBe('2026-12')
    expect(parseMonth('13/2026')).toBeNull()
    expect(parseMonth('tháng 11')).toBeNull()
  })
  it('writes mm/yyyy and knows the month’s last day', () => {
    expect(formatMonth('2026-02')).toBe('02/2026')
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' })
    expect(monthBounds('2026-12').last).toBe('2026-12-31')
  })
})

describe('entryLabels', () => {
  it('calls sections topics in a sentiment consultation', () => {
    expect(entryLabels({ kind: 'sentiment' }).section).toBe('sentiment.topic')
    expect(entryLabels({ kind: 'documents' }).section).toBe('entry.section')
    expect(entryLabels(null).document).toBe('entry.document')
  })
})
