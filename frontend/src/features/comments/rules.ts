/** What the entry forms check before a comment is queued (the server checks the same). */
import type { Consultation } from '@/api/types'

/** The longest comment the API takes, in characters. */
export const CONTENT_MAX = 10_000

export interface DateProblem {
  key: 'dateFuture' | 'dateOutside'
  from: string
  to: string
}

/** Whether `day` (YYYY-MM-DD) may be a comment's date: not after today, within the consultation's window. */
export function dateProblem(day: string, consultation: Pick<Consultation, 'opens_on' | 'closes_on'> | null | undefined, today: string): DateProblem | null {
  if (day > today) return { key: 'dateFuture', from: consultation?.opens_on ?? '', to: today }
  if (consultation && (day < consultation.opens_on || day > consultation.closes_on)) return { key: 'dateOutside', from: consultation.opens_on, to: consultation.closes_on }
  return null
}
