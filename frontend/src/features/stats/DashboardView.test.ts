import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { session } from '@/features/accounts/session'
import DashboardView from './DashboardView.vue'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const province = { id: 1, code: '91', name: 'Tỉnh Kiên Giang', level: 'province', parent_id: null, path: '/1/', depth: 0 }
const kids = [
  { id: 2, code: '899', name: 'Thành phố Rạch Giá', level: 'district', parent_id: 1, path: '/1/2/', depth: 1 },
  { id: 3, code: '900', name: 'Thành phố Hà Tiên', level: 'district', parent_id: 1, path: '/1/3/', depth: 1 },
]
let statsCalls: URL[] = []

beforeEach(() => {
  statsCalls = []
  vi.stubGlobal('fetch', async (req: Request) => {
    const url = new URL(req.url)
    if (url.pathname === '/api/v1/units/1') return json(province)
    if (url.pathname === '/api/v1/units' && url.searchParams.get('parent_id') === '1') return json({ items: kids, next_cursor: null })
    if (url.pathname === '/api/v1/consultations') return json({ items: [{ id: 5, title: 'Đợt 1', unit_id: 1, opens_on: '2025-08-01', closes_on: '2025-09-30', deadlines: {}, status: 'open' }] })
    if (url.pathname === '/api/v1/documents') return json({ items: [] })
    if (url.pathname === '/api/v1/units/1/submissions') return json({ items: [{ unit: { id: 2, name: 'Thành phố Rạch Giá', level: 'district' }, status: 'submitted', late: true, submitted_at: '2025-09-06T03:00:00Z', deadline: '2025-09-05' }] })
    if (url.pathname === '/api/v1/units/1/progress') {
      const row = (id: number, name: string, meetings: number, participants: number, comments: number) => ({ unit: { id, name, level: 'district' }, meetings, participants, comments, people: comments, submits: true, status: 'missing', late: false, submitted_at: null, deadline: null, last_entry_on: null })
      return json({ unit: { id: 1, name: 'Tỉnh Kiên Giang', level: 'province' }, consultation_id: 5, items: [row(2, 'Thành phố Rạch Giá', 12, 640, 900), row(3, 'Thành phố Hà Tiên', 0, 0, 0)], totals: { meetings: 41, participants: 2050, comments: 1200, people: 3100 } })
    }
    if (url.pathname === '/api/v1/units/1/stats') {
      statsCalls.push(url)
      const by = url.searchParams.getAll('group_by')
      const totals = { comments: 1200, people: 3100, meetings: 41, participants: 2050 }
      if (by.includes('child'))
        return json({ unit: { id: 1, name: 'Tỉnh Kiên Giang', level: 'province' }, totals, groups: [{ key: { child: { id: 2, name: 'Thành phố Rạch Giá' } }, comments: 900, people: 2000 }, { key: { child: null }, comments: 300, people: 1100 }] })
      return json({ unit: { id: 1, name: 'Tỉnh Kiên Giang', level: 'province' }, totals, groups: [] })
    }
    return json({ title: 'Not found', status: 404 }, 404)
  })
  session.user = { id: 1, username: 'thuky.tinh', full_name: 'T', unit_id: 1, role: 'secretary', unit: { id: 1, name: 'Tỉnh Kiên Giang', level: 'province' } } as never
})
afterEach(() => vi.unstubAllGlobals())

async function mountDashboard() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/dashboard/:unitId?', name: 'dashboard', component: DashboardView }] })
  await router.push('/dashboard')
  return mount(DashboardView, { global: { plugins: [i18n, router] } })
}

describe('the dashboard', () => {
  it('shows the totals, one row per child (zero when it has no comments) plus the own level, and late submissions', async () => {
    const w = await mountDashboard()
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.find('[data-testid="stats-total-comments"]').text()).toBe('1.200')
    })
    // Meetings and participants per child come from the progress answer, matched by id.
    await vi.waitFor(() => {
      const rows = w.findAll('[data-testid="child-row"]')
      expect(rows.map((r) => r.findAll('td').map((td) => td.text()).join(' | '))).toEqual(['Thành phố Rạch Giá | 900 | 2.000 | 12 | 640 | 75%', 'Thành phố Hà Tiên | 0 | 0 | 0 | 0 | 0%'])
    })
    expect(w.find('[data-testid="own-row"]').text()).toContain('300')
    // Coverage of the direct children (a province: not yet the areas), and said so.
    await vi.waitFor(() => expect(w.find('[data-testid="coverage"]').text()).toContain('1 / 2 đơn vị trực thuộc đã họp hoặc đã nhập ý kiến'))
    expect(statsCalls[0]!.searchParams.get('consultation_id')).toBe('5')
    await vi.waitFor(() => expect(w.find('[data-testid="submission-row"]').text()).toContain('Trễ hạn'))
    expect(w.find('[data-testid="submission-row"]').text()).toContain('05/09/2025')
    expect(w.find('[data-testid="export-stats-csv"]').attributes('href')).toBe('/api/v1/units/1/stats?consultation_id=5&group_by=child&format=csv')
    w.unmount()
  })

  it('sorts the children by a heading (largest first, then reversed; names in Vietnamese order), the own level last', async () => {
    const w = await mountDashboard()
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.findAll('[data-testid="child-row"]')).toHaveLength(2)
    })
    const names = () => w.findAll('[data-testid="child-row"], [data-testid="own-row"]').map((r) => r.find('td').text())
    const own = '(Nhập tại cấp này)'
    expect(names()).toEqual(['Thành phố Rạch Giá', 'Thành phố Hà Tiên', own]) // the tree's order
    await w.find('[data-testid="sort-name"]').trigger('click')
    expect(names()).toEqual(['Thành phố Hà Tiên', 'Thành phố Rạch Giá', own]) // "Hà" before "Rạch"
    expect(w.find('[data-testid="sort-name"]').element.closest('th')!.getAttribute('aria-sort')).toBe('ascending')
    await w.find('[data-testid="sort-comments"]').trigger('click')
    expect(names()).toEqual(['Thành phố Rạch Giá', 'Thành phố Hà Tiên', own])
    expect(w.find('[data-testid="sort-comments"]').element.closest('th')!.getAttribute('aria-sort')).toBe('descending')
    await w.find('[data-testid="sort-comments"]').trigger('click')
    expect(names()).toEqual(['Thành phố Hà Tiên', 'Thành phố Rạch Giá', own])
    await vi.waitFor(() => expect(w.find('[data-testid="coverage"]').exists()).toBe(true))
    await w.find('[data-testid="sort-meetings"]').trigger('click')
    expect(names()).toEqual(['Thành phố Rạch Giá', 'Thành phố Hà Tiên', own])
    expect(w.find('[data-testid="sort-meetings"]').element.closest('th')!.getAttribute('aria-sort')).toBe('descending')
    await w.find('[data-testid="sort-participants"]').trigger('click')
    await w.find('[data-testid="sort-participants"]').trigger('click')
    expect(names()).toEqual(['Thành phố Hà Tiên', 'Thành phố Rạch Giá', own])
    w.unmount()
  })

  it('refreshes the counts every minute while visible, keeping them when the network fails', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    try {
      const w = await mountDashboard()
      await vi.waitFor(async () => {
        await flushPromises()
        expect(w.find('[data-testid="stats-total-comments"]').text()).toBe('1.200')
      })
      expect(w.find('[data-testid="stats-updated"]').text()).toContain('cập nhật lúc')
      const before = statsCalls.filter((u) => u.searchParams.getAll('group_by').includes('child')).length
      await vi.advanceTimersByTimeAsync(60_000)
      await flushPromises()
      expect(statsCalls.filter((u) => u.searchParams.getAll('group_by').includes('child')).length).toBe(before + 1)
      // Offline at the next tick: the figures stay, with the error shown.
      vi.stubGlobal('fetch', async () => {
        throw new TypeError('Failed to fetch')
      })
      await vi.advanceTimersByTimeAsync(60_000)
      await flushPromises()
      expect(w.find('[data-testid="stats-total-comments"]').text()).toBe('1.200')
      expect(w.find('[role="alert"]').exists()).toBe(true)
      w.unmount()
    } finally {
      vi.useRealTimers()
    }
  })
})
