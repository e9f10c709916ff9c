import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatNumber, parseDate, todayIso } from './format'

describe('dates are shown dd/mm/yyyy', () => {
  it('formats ISO dates', () => {
    expect(formatDate('2025-08-25')).toBe('25/08/2025')
    expect(formatDate(null)).toBe('')
    expect(formatDate('garbage')).toBe('')
  })
  it('formats times in Vietnam time', () => {
    expect(formatDateTime('2025-08-31T20:30:00Z')).toBe('01/09/2025 03:30')
  })
  it('parses what a clerk types', () => {
    expect(parseDate('25/8/2025')).toBe('2025-08-25')
    expect(parseDate('01.09.2025')).toBe('2025-09-01')
    expect(parseDate('31/02/2025')).toBeNull()
    expect(parseDate('2025-08-25')).toBeNull()
  })
  it('knows today in Asia/Ho_Chi_Minh', () => {
    expect(todayIso(new Date('2025-08-31T18:00:00Z'))).toBe('2025-09-01')
  })
})

describe('numbers', () => {
  it('groups digits by locale', () => {
    expect(formatNumber(12345, 'vi')).toBe('12.345')
    expect(formatNumber(12345, 'en')).toBe('12,345')
  })
})
