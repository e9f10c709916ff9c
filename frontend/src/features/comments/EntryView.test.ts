import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { i18n } from '@/i18n'
import { session } from '@/features/accounts/session'
import { outbox, outboxState, startOutbox, stopOutbox } from './offline/store'
import EntryView from './EntryView.vue'

const user = { id: 6, username: 'nhaplieu.test', full_name: 'Võ Thị Mỹ Linh', unit_id: 40, role: 'entry', unit: { id: 40, name: 'Khu phố 1', level: 'residential_area' } }
const consultation = { id: 3, title: 'Góp ý dự thảo', unit_id: 1, opens_on: '2000-01-01', closes_on: '2099-12-31', deadlines: {}, status: 'open' }
const documentFull = {
  id: 11,
  consultation_id: 3,
  code: 'BCCT',
  title: 'Báo cáo chính trị',
  sections: [{ id: 101, number: 'I', heading: 'Đánh giá', text: null, children: [{ id: 102, number: 'I.1', heading: 'Kinh tế', text: null, children: [] }] }],
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
let posted: { url: string; body: Record<string, unknown>; headers: Headers }[] = []
let offline = false
/** The GETs in the order they were sent, and how many answers had come back when each left. */
let asked: { path: string; answered: number }[] = []
let answered = 0

beforeEach(async () => {
  posted = []
  offline = false
  asked = []
  answered = 0
  localStorage.clear()
  sessionStorage.clear()
  vi.stubGlobal('fetch', async (req: Request) => {
    const url = new URL(req.url, 'http://localhost')
    if (offline) throw new TypeError('Failed to fetch')
    if (req.method === 'GET') {
      asked.push({ path: url.pathname + url.search, answered })
      // Answers take a while, as on a real network: what is asked together leaves together.
      await new Promise((r) => setTimeout(r, 5))
      answered++
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/comments') {
      const body = (await req.json()) as Record<string, unknown>
      posted.push({ url: url.pathname, body, headers: req.headers })
      return json({ ...body, organization: 'front', created_at: '2025-08-20T01:00:00Z' }, 201)
    }
    if (url.pathname === '/api/v1/consultations') return json({ items: [consultation] })
    if (url.pathname === '/api/v1/documents')
      return json({ items: [url.searchParams.get('include') === 'sections' ? documentFull : { ...documentFull, sections: null }] })
    if (url.pathname === '/api/v1/documents/11') return json(documentFull)
    if (url.pathname === '/api/v1/meetings') return json({ items: [] })
    return json({ title: 'Not found', status: 404 }, 404)
  })
  session.user = user as never
  // What an earlier test left queued goes first, so starting the outbox sends nothing of it.
  for (const e of await outbox.list(user.username)) await outbox.discard(e.id)
  for (const s of await outbox.sent(user.username)) await outbox.forgetSent(s.id)
  await startOutbox(user.username)
})
afterEach(() => {
  stopOutbox()
  vi.unstubAllGlobals()
})

async function mountEntry() {
  const w = mount(EntryView, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  await vi.waitFor(() => expect(w.find('[data-testid="comment-form"]').exists(), w.html()).toBe(true))
  return w
}

describe('the entry screen', () => {
  it('asks for everything at once, the documents with their sections in one answer', async () => {
    const w = await mountEntry()
    await vi.waitFor(() => expect((w.find('[data-testid="comment-section"]').element as HTMLSelectElement).options.length).toBe(3))
    const paths = asked.map((a) => a.path.split('?')[0])
    expect(paths.sort()).toEqual(['/api/v1/consultations', '/api/v1/documents', '/api/v1/meetings'])
    expect(asked.find((a) => a.path.startsWith('/api/v1/documents'))!.path).toContain('include=sections')
    // One round trip: every request left before the first answer came back.
    expect(asked.every((a) => a.answered === 0)).toBe(true)
  })

  it('sends with Ctrl+Enter, with the X-Requested-With header and a client id, and keeps the choices', async () => {
    const w = await mountEntry()
    await w.find('[data-testid="comment-section"]').setValue('102')
    await w.find('[data-testid="comment-stance"]').setValue('amend')
    await w.find('[data-testid="comment-category"]').setValue('party_member')
    await w.find('[data-testid="comment-people"]').setValue('3')
    const content = w.find('[data-testid="comment-content"]')
    await content.setValue('Đề nghị bổ sung nội dung về chuyển đổi số.')
    await content.trigger('keydown', { key: 'Enter', ctrlKey: true })
    await vi.waitFor(() => expect(posted).toHaveLength(1))
    const sent = posted[0]!
    expect(sent.headers.get('X-Requested-With')).toBe('XMLHttpRequest')
    expect(sent.body).toMatchObject({ document_id: 11, section_id: 102, unit_id: 40, stance: 'amend', category: 'party_member', people: 3, content: 'Đề nghị bổ sung nội dung về chuyển đổi số.' })
    expect(sent.body.id).toMatch(/^[0-9a-f-]{36}$/)
    // Content and people reset; section, stance, category stay for the next comment.
    expect((content.element as HTMLTextAreaElement).value).toBe('')
    expect((w.find('[data-testid="comment-people"]').element as HTMLInputElement).value).toBe('1')
    expect((w.find('[data-testid="comment-stance"]').element as HTMLSelectElement).value).toBe('amend')
    expect((w.find('[data-testid="comment-section"]').element as HTMLSelectElement).value).toBe('102')
    await vi.waitFor(() => expect(outboxState.sent).toHaveLength(1))
    await vi.waitFor(() => expect(w.find('[data-testid="entry-notice"]').text()).toBe('Đã gửi.'))
    w.unmount()
  })

  it('refuses an empty comment next to the field, sending nothing', async () => {
    const w = await mountEntry()
    await w.find('[data-testid="comment-form"]').trigger('submit')
    await flushPromises()
    expect(w.find('#comment-content-err').text()).toBe('bắt buộc')
    expect(w.find('[data-testid="comment-content"]').attributes('aria-invalid')).toBe('true')
    expect(posted).toHaveLength(0)
    w.unmount()
  })

  it('queues while offline and counts it as pending', async () => {
    offline = true
    const w = await mountEntry()
    await w.find('[data-testid="comment-content"]').setValue('Ý kiến khi mất mạng')
    await w.find('[data-testid="comment-submit"]').trigger('click')
    await vi.waitFor(() => expect(outboxState.pending).toBe(1))
    expect(posted).toHaveLength(0)
    expect(w.find('[data-testid="entry-notice"]').text()).toBe('Đã lưu, đang chờ gửi.')
    w.unmount()
  })

  it('sends the organisation that gathered the comment, which sticks like the other choices', async () => {
    const w = await mountEntry()
    expect((w.find('[data-testid="comment-organization"]').element as HTMLSelectElement).value).toBe('front')
    await w.find('[data-testid="comment-organization"]').setValue('youth_union')
    await w.find('[data-testid="comment-content"]').setValue('Ý kiến của Đoàn Thanh niên')
    await w.find('[data-testid="comment-submit"]').trigger('click')
    await vi.waitFor(() => expect(posted).toHaveLength(1))
    expect(posted[0]!.body.organization).toBe('youth_union')
    expect((w.find('[data-testid="comment-organization"]').element as HTMLSelectElement).value).toBe('youth_union')
    w.unmount()
  })

  it('refuses a date after today before queueing, naming the rule next to the field', async () => {
    const w = await mountEntry()
    await w.find('[data-testid="comment-date"]').setValue('01/01/2099')
    await w.find('[data-testid="comment-content"]').setValue('Ý kiến ghi sai ngày')
    await w.find('[data-testid="comment-submit"]').trigger('click')
    await flushPromises()
    expect(w.find('#comment-date-err').text()).toMatch(/^Ngày không được sau hôm nay/)
    expect(outboxState.pending).toBe(0)
    expect(posted).toHaveLength(0)
    w.unmount()
  })

  it('counts the characters near the 10,000 limit and refuses a longer text instead of cutting it', async () => {
    const w = await mountEntry()
    const counter = w.find('[data-testid="comment-counter"]')
    await w.find('[data-testid="comment-content"]').setValue('a'.repeat(100))
    expect(counter.attributes('hidden')).toBeDefined()
    await w.find('[data-testid="comment-content"]').setValue('a'.repeat(9500))
    expect(counter.attributes('hidden')).toBeUndefined()
    expect(counter.text()).toBe('9.500/10.000 ký tự')
    await w.find('[data-testid="comment-content"]').setValue('a'.repeat(10001))
    await w.find('[data-testid="comment-submit"]').trigger('click')
    await flushPromises()
    expect(w.find('#comment-content-err').text()).toBe('tối đa 10.000 ký tự')
    expect(posted).toHaveLength(0)
    w.unmount()
  })
})
