/**
 * RFC 9457 problem details as the backend sends them, the errors the client throws,
 * and what the user reads: every problem said in the UI's language by its status,
 * field and error type, never as the server's English (`body.x: String should…`).
 */
import { i18n } from '@/i18n'

export interface FieldProblem {
  loc: (string | number)[]
  msg: string
  /** pydantic's error type (`missing`, `string_too_short`…), `value_error` for a broken rule, `conflict`. */
  type?: string | null
}
export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  errors?: FieldProblem[]
}

type Translate = (key: string, params?: Record<string, unknown>) => string
const translate: Translate = (key, params) => i18n.global.t(key, params ?? {})

export class ApiError extends Error {
  readonly status: number
  readonly problem: Partial<Problem>
  constructor(status: number, problem: Partial<Problem>) {
    super(problemMessage(status, problem))
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }
  /** Field errors keyed by field name (the last string part of `loc`, "body" dropped), in the UI's language. */
  get fieldErrors(): Record<string, string> {
    return fieldErrors(this.problem.errors ?? [])
  }
}

export class NetworkError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NetworkError'
  }
}

/** The field a `loc` names: ["body", "content"] → "content"; ["body", "items", 3, "people"] → "people"; [] → "_". */
export function fieldOf(loc: FieldProblem['loc']): string {
  const names = (loc ?? []).filter((p): p is string => typeof p === 'string' && p !== 'body' && p !== 'query' && p !== 'path')
  return names.length ? names[names.length - 1]! : '_'
}

/**
 * Maps `errors[]` to a message per field (see `fieldOf`); the first message per field wins;
 * errors without a field go under "_". Errors the server typed are said in the UI's language.
 */
export function fieldErrors(errors: FieldProblem[], t: Translate = translate): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) {
    const key = fieldOf(e.loc)
    if (!(key in out)) out[key] = e.type ? fieldMessage(e, t) : e.msg
  }
  return out
}

const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i
const number = (msg: string) => /(-?\d[\d.,]*)/.exec(msg)?.[1]?.replace(/[.,]$/, '') ?? ''

/** Rules the services state in words (`value_error`, `conflict`), recognised by their wording. */
const RULES: [RegExp, string][] = [
  [/outside your part of the hierarchy|outside your subtree|not in your/i, 'problem.rule.outOfScope'],
  [/does not exist|not found|unknown/i, 'problem.rule.notAccessible'],
  [/in the future|after today/i, 'problem.rule.future'],
  [/before the consultation open|after the consultation close|outside the consultation/i, 'problem.rule.outsideWindow'],
  [/belongs to another document/i, 'problem.rule.otherDocument'],
  [/belongs to another consultation/i, 'problem.rule.otherConsultation'],
  [/meeting was held by another unit/i, 'problem.rule.otherMeeting'],
  [/cannot sit under|lower level/i, 'problem.rule.levelOrder'],
  [/reason/i, 'problem.rule.reason'],
  [/not be before 'from'|must not be before/i, 'problem.rule.order'],
  [/repeats/i, 'problem.rule.repeated'],
  [/UTF-8/i, 'problem.rule.encoding'],
  [/missing column/i, 'problem.rule.columns'],
  [/at most/i, 'problem.rule.tooMany'],
  [/already exists|is taken|already has/i, 'problem.rule.taken'],
  [/may not be null/i, 'problem.field.missing'],
]

/** One field error in the UI's language, from its type (and the limit pydantic names in its text). */
export function fieldMessage(e: FieldProblem, t: Translate = translate): string {
  if (VIETNAMESE.test(e.msg) && i18n.global.locale.value === 'vi') return e.msg
  const n = number(e.msg)
  switch (e.type) {
    case 'missing':
      return t('problem.field.missing')
    case 'string_too_short':
      return n === '1' || n === '' ? t('problem.field.missing') : t('problem.field.minLength', { n })
    case 'string_too_long':
      return t('problem.field.maxLength', { n })
    case 'too_short':
      return t('problem.field.minItems', { n })
    case 'too_long':
      return t('problem.field.maxItems', { n })
    case 'greater_than_equal':
      return t('problem.field.min', { n })
    case 'greater_than':
      return t('problem.field.above', { n })
    case 'less_than_equal':
      return t('problem.field.max', { n })
    case 'less_than':
      return t('problem.field.below', { n })
    case 'int_parsing':
    case 'int_type':
    case 'int_from_float':
    case 'float_parsing':
    case 'float_type':
      return t('problem.field.number')
    case 'date_parsing':
    case 'date_type':
    case 'date_from_datetime_parsing':
    case 'date_from_datetime_inexact':
      return t('problem.field.date')
    case 'datetime_parsing':
    case 'datetime_type':
    case 'timezone_aware':
      return t('problem.field.datetime')
    case 'enum':
    case 'literal_error':
      return t('problem.field.choice')
    case 'string_pattern_mismatch':
      return t('problem.field.pattern')
    case 'uuid_parsing':
    case 'uuid_type':
      return t('problem.field.id')
    case 'extra_forbidden':
      return t('problem.field.extra')
    case 'json_invalid':
      return t('problem.field.json')
    case 'bool_parsing':
    case 'bool_type':
      return t('problem.field.bool')
    default: {
      const rule = RULES.find(([re]) => re.test(e.msg))
      return t(rule ? rule[1] : 'problem.field.invalid')
    }
  }
}

/** The label a field has on the forms (falls back to a neutral word). */
const FIELD_LABELS: Record<string, string> = {
  content: 'entry.content',
  collected_on: 'entry.collectedOn',
  people: 'entry.people',
  document_id: 'entry.document',
  section_id: 'entry.section',
  unit_id: 'auth.unit',
  meeting_id: 'entry.meeting',
  consultation_id: 'entry.consultation',
  category: 'entry.category',
  stance: 'entry.stance',
  channel: 'entry.channel',
  organization: 'entry.organization',
  contributor_name: 'entry.contributorName',
  contributor_contact: 'entry.contributorContact',
  held_on: 'entry.heldOn',
  participants: 'entry.participants',
  kind: 'entry.meetingKind',
  username: 'auth.username',
  password: 'auth.password',
  role: 'auth.role',
  full_name: 'admin.fullName',
  code: 'admin.code',
  name: 'admin.name',
  level: 'admin.level',
  parent_id: 'admin.parent',
  parent_code: 'admin.parent',
  unit_code: 'auth.unit',
  opens_on: 'admin.opensOn',
  closes_on: 'admin.closesOn',
  deadlines: 'admin.deadlines',
  sections: 'admin.sectionTree',
  heading: 'admin.heading',
  number: 'admin.number',
  summary: 'synthesis.summary',
  reason: 'synthesis.reason',
  feedback: 'feedback.give',
  from: 'dashboard.from',
  to: 'dashboard.to',
  q: 'comments.search',
  title: 'problem.fields.title',
  file: 'problem.fields.file',
}
export function fieldLabel(field: string, t: Translate = translate): string {
  const key = FIELD_LABELS[field]
  return key ? t(key) : t('problem.fields.other')
}

/** What a 404 names ("Unit 2 does not exist.") → the thing, said as not accessible (it may exist outside one's scope). */
const THINGS: [RegExp, string][] = [
  [/^unit\b/i, 'unit'],
  [/^synthesis item\b|^item\b/i, 'item'],
  [/^synthesis\b/i, 'synthesis'],
  [/^comment\b/i, 'comment'],
  [/^consultation\b/i, 'consultation'],
  [/^document\b/i, 'document'],
  [/^section\b/i, 'section'],
  [/^meeting\b/i, 'meeting'],
  [/^user\b/i, 'user'],
  [/^api key\b/i, 'apiKey'],
]

/** The whole problem in one sentence of the UI's language. */
export function problemMessage(status: number, p: Partial<Problem>, t: Translate = translate): string {
  const detail = p.detail ?? ''
  const first = p.errors?.find((e) => e.type) ?? (status === 422 ? p.errors?.[0] : undefined)
  if (first && (status === 422 || status === 400 || status === 409)) {
    const field = fieldOf(first.loc)
    const message = first.type ? fieldMessage(first, t) : t('problem.field.invalid')
    return field === '_' ? message : `${fieldLabel(field, t)}: ${message}`
  }
  switch (status) {
    case 400:
      return t(/JSON/i.test(`${p.title} ${detail}`) ? 'problem.field.json' : 'problem.status.400')
    case 401:
      return t('problem.status.401')
    case 403:
      return t('problem.status.403')
    case 404: {
      const thing = THINGS.find(([re]) => re.test(detail))?.[1]
      return thing ? t('problem.notAccessible', { thing: t(`problem.things.${thing}`) }) : t('problem.status.404')
    }
    case 409:
      if (/consultation is (already )?closed/i.test(detail)) return t('problem.conflict.closed')
      if (/changed meanwhile/i.test(detail)) return t('problem.conflict.changed')
      if (/username .* is taken/i.test(detail)) return t('problem.conflict.username')
      if (/already exists|already has a document/i.test(detail)) return t('problem.conflict.code')
      if (/is a draft/i.test(detail)) return t('problem.conflict.draft')
      return t('problem.status.409')
    case 413:
      return t('problem.status.413')
    case 429:
      return t('problem.status.429')
    default:
      return status >= 500 ? t('problem.status.500') : t('problem.status.other', { status })
  }
}

/** A short message for any error thrown by the client, in the UI's language. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return problemMessage(e.status, e.problem)
  if (e instanceof NetworkError) return translate('problem.network')
  if (e instanceof Error) return e.message
  return String(e)
}

/** What a form shows for a failure: each field's error beside the field, and the whole message under "_". */
export function problemFields(e: unknown): Record<string, string> {
  return e instanceof ApiError ? { ...e.fieldErrors, _: errorMessage(e) } : { _: errorMessage(e) }
}

/** An import's failing rows, each said in the UI's language: "Dòng 4 · Mật khẩu: …" (`loc` ["rows", n, field]). */
export function rowProblems(e: unknown, rowLabel: (row: number) => string, t: Translate = translate): string[] {
  if (!(e instanceof ApiError)) return []
  return (e.problem.errors ?? [])
    .filter((p) => p.loc?.[0] === 'rows' && typeof p.loc[1] === 'number')
    .map((p) => {
      const field = fieldOf(p.loc.slice(2))
      const message = p.type ? fieldMessage(p, t) : t('problem.field.invalid')
      return `${rowLabel(p.loc[1] as number)} · ${field === '_' ? message : `${fieldLabel(field, t)}: ${message}`}`
    })
}
