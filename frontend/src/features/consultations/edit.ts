/** Corrections of a consultation: what the edit form sends (`PATCH /consultations/{id}`). */
import type { Consultation } from '@/api/types'

export interface ConsultationEdit {
  title: string
  closes_on: string | null
  /** level → YYYY-MM-DD, or null/'' for no deadline at that level */
  deadlines: Record<string, string | null>
}

export function editFormOf(c: Pick<Consultation, 'title' | 'closes_on' | 'deadlines'>): ConsultationEdit {
  return { title: c.title, closes_on: c.closes_on, deadlines: { ...c.deadlines } }
}

function cleanDeadlines(d: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(d).filter((e): e is [string, string] => !!e[1]))
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort()
  const kb = Object.keys(b).sort()
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k])
}

/**
 * The PATCH body: only the fields that changed (deadlines as a whole map, levels without a date
 * left out); null when nothing changed. An emptied closing date is sent as it is typed ('' is
 * not sent: the server keeps the stored one when a field is left out).
 */
export function consultationPatch(
  original: Pick<Consultation, 'title' | 'closes_on' | 'deadlines'>,
  form: ConsultationEdit,
): { title?: string; closes_on?: string; deadlines?: Record<string, string> } | null {
  const body: { title?: string; closes_on?: string; deadlines?: Record<string, string> } = {}
  const title = form.title.normalize('NFC').trim()
  if (title !== original.title) body.title = title
  if (form.closes_on && form.closes_on !== original.closes_on) body.closes_on = form.closes_on
  const deadlines = cleanDeadlines(form.deadlines)
  if (!sameMap(deadlines, original.deadlines)) body.deadlines = deadlines
  return Object.keys(body).length ? body : null
}
