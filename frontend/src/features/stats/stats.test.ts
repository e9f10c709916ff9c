import { describe, expect, it } from 'vitest'
import type { StatsGroup } from '@/api/types'
import { coverage, fillDays, keyOf, share, statsExportUrl, toBars, wrapLabel } from './stats'

const g = (key: Record<string, unknown>, comments: number, people = comments): StatsGroup => ({ key, comments, people }) as StatsGroup

describe('stats helpers', () => {
  it('reads keys of every shape', () => {
    expect(keyOf(g({ child: { id: 7, name: 'A' } }, 1), 'child')).toEqual({ id: 7, name: 'A' })
    expect(keyOf(g({ child: null }, 1), 'child')).toBeNull()
    expect(keyOf(g({ stance: 'agree' }, 1), 'stance')).toBe('agree')
  })
  it('sorts days by date and other groupings largest first', () => {
    const days = toBars([g({ day: '2025-08-21' }, 5), g({ day: '2025-08-20' }, 9)], 'day', String)
    expect(days.map((b) => b.key)).toEqual(['2025-08-20', '2025-08-21'])
    const stances = toBars([g({ stance: 'add' }, 2), g({ stance: 'agree' }, 9)], 'stance', (k) => `S:${k}`)
    expect(stances.map((b) => b.label)).toEqual(['S:agree', 'S:add'])
  })
  it('computes shares safely', () => {
    expect(share(1, 3)).toBe(33.3)
    expect(share(5, 0)).toBe(0)
  })
  it('builds export links with repeated group_by', () => {
    expect(statsExportUrl(4, 'csv', ['child'], { consultation_id: 2 })).toBe('/api/v1/units/4/stats?consultation_id=2&group_by=child&format=csv')
  })
  it('puts the days on a time axis: a day without comments is a zero bar', () => {
    const bars = toBars([g({ day: '2025-08-03' }, 5), g({ day: '2025-08-01' }, 9)], 'day', String)
    const days = fillDays(bars, '2025-07-31', '2025-08-04', (d) => `L${d}`)
    expect(days.map((b) => [b.key, b.comments])).toEqual([
      ['2025-07-31', 0],
      ['2025-08-01', 9],
      ['2025-08-02', 0],
      ['2025-08-03', 5],
      ['2025-08-04', 0],
    ])
    expect(days[0]!.label).toBe('L2025-07-31')
    // Across a month's end, and widened to data outside the range asked.
    expect(fillDays(bars, '2025-08-02', null, String).map((b) => b.key)).toEqual(['2025-08-01', '2025-08-02', '2025-08-03'])
    expect(fillDays([], null, null, String)).toEqual([])
    expect(fillDays([], '2025-02-27', '2025-03-01', String).map((b) => b.key)).toEqual(['2025-02-27', '2025-02-28', '2025-03-01'])
  })
  it('wraps long axis labels at spaces', () => {
    expect(wrapLabel('Nhân sĩ, trí thức, người có uy tín, chức sắc', 16)).toEqual(['Nhân sĩ, trí', 'thức, người có', 'uy tín, chức sắc'])
    expect(wrapLabel('Tán thành', 16)).toEqual(['Tán thành'])
  })
})

describe('coverage', () => {
  const row = (level: string, meetings: number, comments: number) => ({ unit: { id: 1, name: 'X', level }, meetings, comments }) as Parameters<typeof coverage>[0][number]
  it('counts the areas that met or entered anything', () => {
    expect(coverage([row('residential_area', 1, 0), row('residential_area', 0, 3), row('residential_area', 0, 0)])).toEqual({ kind: 'areas', active: 2, total: 3 })
  })
  it('says it counts direct children above the commune', () => {
    expect(coverage([row('commune', 0, 5), row('commune', 0, 0)])).toEqual({ kind: 'children', active: 1, total: 2 })
    expect(coverage([row('commune', 0, 0), row('residential_area', 2, 0)])).toEqual({ kind: 'children', active: 1, total: 2 })
  })
  it('has nothing to say without children', () => {
    expect(coverage([])).toBeNull()
    // The server's count of the subtree's areas wins at any level.
    expect(coverage([row('commune', 0, 5)], { total: 40, active: 12 })).toEqual({ kind: 'areas', active: 12, total: 40 })
  })
})
