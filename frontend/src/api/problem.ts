/** RFC 9457 problem details as the backend sends them, and the errors the client throws. */

export interface FieldProblem {
  loc: (string | number)[]
  msg: string
}
export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  errors?: FieldProblem[]
}

export class ApiError extends Error {
  readonly status: number
  readonly problem: Partial<Problem>
  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }
  /** Field errors keyed by field name (the last string part of `loc`, "body" dropped). */
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

/**
 * Maps `errors[].loc` to a field name: ["body", "content"] → "content";
 * ["body", "items", 3, "content"] → "content"; ["query", "limit"] → "limit".
 * The first message per field wins; errors without a field go under "_".
 */
export function fieldErrors(errors: FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) {
    const names = (e.loc ?? []).filter((p): p is string => typeof p === 'string' && p !== 'body' && p !== 'query' && p !== 'path')
    const key = names.length ? names[names.length - 1]! : '_'
    if (!(key in out)) out[key] = e.msg
  }
  return out
}

/** A short human message for any error thrown by the client. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.problem.detail || e.problem.title || `HTTP ${e.status}`
  if (e instanceof Error) return e.message
  return String(e)
}
