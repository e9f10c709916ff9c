/** Display formats: dates as dd/mm/yyyy, times as dd/mm/yyyy HH:mm (Asia/Ho_Chi_Minh), numbers grouped. */

const TZ = 'Asia/Ho_Chi_Minh'

/** "2025-08-25" → "25/08/2025"; null/invalid → "". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return ''
  return `${m[3]}/${m[2]}/${m[1]}`
}

/** An RFC 3339 time shown in Vietnam time: "25/08/2025 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TZ,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`
}

/** Today's date in Vietnam as YYYY-MM-DD (what a clerk means by "today"). */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  return parts // en-CA formats as YYYY-MM-DD
}

/** "dd/mm/yyyy" (or d/m/yyyy) → "YYYY-MM-DD"; anything else → null. */
export function parseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text)
  if (!m) return null
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** 12345 → "12.345" in Vietnamese, "12,345" in English. */
export function formatNumber(n: number | null | undefined, locale: string = 'vi'): string {
  if (n === null || n === undefined) return ''
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US').format(n)
}
