import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import ChildrenProgress from './ChildrenProgress.vue'
import type { ProgressRow } from './syntheses'

const row = (over: Partial<ProgressRow>): ProgressRow => ({
  unit: { id: 1, name: 'Khu phố 1', level: 'residential_area' },
  meetings: 2,
  participants: 80,
  comments: 14,
  people: 37,
  submits: true,
  status: 'missing',
  late: false,
  submitted_at: null,
  deadline: '2025-09-05',
  last_entry_on: null,
  ...over,
})

describe('the children of a unit on the synthesis screen', () => {
  it('shows an area whose level does not submit by what it entered, never as missing', () => {
    i18n.global.locale.value = 'vi'
    const w = mount(ChildrenProgress, {
      props: { rows: [row({ submits: false, status: 'not_required', deadline: null, last_entry_on: '2025-08-21' }), row({ unit: { id: 2, name: 'Khu phố 2', level: 'residential_area' }, late: true })] },
      global: { plugins: [i18n] },
    })
    const [area1, area2] = w.findAll('[data-testid="progress-row"]')
    expect(area1!.text()).toContain('Không phải gửi báo cáo')
    expect(area1!.text()).toContain('14')
    expect(area1!.text()).toContain('37')
    expect(area1!.text()).toContain('Nhập gần nhất 21/08/2025')
    expect(area1!.text()).not.toContain('Chưa có')
    expect(area2!.text()).toContain('Chưa có')
    expect(area2!.text()).toContain('Trễ hạn')
    expect(area2!.text()).toContain('Hạn gửi 05/09/2025')
  })
})
