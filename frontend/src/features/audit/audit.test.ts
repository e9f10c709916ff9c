import { describe, expect, it } from 'vitest'
import { auditQuery, changeRows, emptyFilters, formatValue, nextDay } from './audit'

describe('auditQuery', () => {
  it('leaves empty filters out', () => {
    expect(auditQuery(emptyFilters())).toEqual({ limit: 50 })
  })
  it('turns Vietnam days into an inclusive range with a time zone', () => {
    const q = auditQuery({ ...emptyFilters(), from: '2025-08-01', to: '2025-08-31' }, 'abc', 20)
    expect(q).toEqual({ limit: 20, from: '2025-08-01T00:00:00+07:00', to: '2025-09-01T00:00:00+07:00', cursor: 'abc' })
  })
  it('passes unit, entity, id and actor; ignores an actor that is not a number', () => {
    expect(auditQuery({ ...emptyFilters(), unit_id: 3, entity: ' user ', entity_id: '12', actor_id: '7' })).toEqual({ limit: 50, unit_id: 3, entity: 'user', entity_id: '12', actor_id: 7 })
    expect(auditQuery({ ...emptyFilters(), actor_id: 'abc' })).toEqual({ limit: 50 })
  })
})

describe('display', () => {
  it('nextDay crosses months and years', () => {
    expect(nextDay('2025-02-28')).toBe('2025-03-01')
    expect(nextDay('2025-12-31')).toBe('2026-01-01')
  })
  it('formats values', () => {
    expect(formatValue(null)).toBe('—')
    expect(formatValue('2025-08-25')).toBe('25/08/2025')
    expect(formatValue(false)).toBe('false')
    expect(formatValue({ commune: '2025-09-01' })).toBe('{"commune":"2025-09-01"}')
  })
  it('lists changes by field name', () => {
    expect(changeRows({ changes: { role: { before: 'entry', after: 'secretary' }, is_active: { before: true, after: false } } })).toEqual([
      { field: 'is_active', before: 'true', after: 'false' },
      { field: 'role', before: 'entry', after: 'secretary' },
    ])
  })
})
