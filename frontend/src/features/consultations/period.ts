/**
 * Sentiment consultations run by month: typed "mm/yyyy" on screen, "yyyy-mm" in the API. And
 * the words of the entry screen for one: its documents are topic lists, its sections topics.
 */
import type { Consultation } from '@/api/types'

/** "11/2026" (or "11-2026", "2026-11") → "2026-11"; null when it is not a month. */
export function parseMonth(text: string): string | null {
  const s = text.trim()
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s)
  let year: number, month: number
  if (m) {
    month = Number(m[1])
    year = Number(m[2])
  } else {
    m = /^(\d{4})-(\d{2})$/.exec(s)
    if (!m) return null
    year = Number(m[1])
    month = Number(m[2])
  }
  if (month < 1 || month > 12 || year < 2000 || year > 2099) return null
  return `${year}-${String(month).padStart(2, '0')}`
}

/** "2026-11" → "11/2026". */
export function formatMonth(period: string | null | undefined): string {
  if (!period) return ''
  const [y, m] = period.split('-')
  return `${m}/${y}`
}

/** The first and last day of a month, YYYY-MM-DD. */
export function monthBounds(period: string): { first: string; last: string } {
  const [y, m] = period.split('-').map(Number) as [number, number]
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { first: `${period}-01`, last: `${period}-${String(days).padStart(2, '0')}` }
}

/** The month of a day (YYYY-MM-DD), "yyyy-mm". */
export function monthOf(day: string): string {
  return day.slice(0, 7)
}

export function isSentiment(c: Pick<Consultation, 'kind'> | null | undefined): boolean {
  return c?.kind === 'sentiment'
}

/** The i18n keys the entry screen labels its document and section fields with. */
export function entryLabels(c: Pick<Consultation, 'kind'> | null | undefined): { document: string; section: string; whole: string } {
  return isSentiment(c)
    ? { document: 'sentiment.topicList', section: 'sentiment.topic', whole: 'sentiment.noTopic' }
    : { document: 'entry.document', section: 'entry.section', whole: 'entry.wholeDocument' }
}
