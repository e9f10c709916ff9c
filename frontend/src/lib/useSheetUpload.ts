/**
 * Uploading a filled spreadsheet (the paper form, the works form): every row is stored or none,
 * and a refusal names its cells as ["file", sheet, row, column]. The screens keep their own words.
 */
import { ref } from 'vue'
import { ApiError, errorMessage, type FieldProblem } from '@/api/problem'

/** At most this many cell errors are listed: a wrong template would otherwise list thousands. */
const SHOWN = 50

export function useSheetUpload<T>(
  send: (file: File) => Promise<T>,
  cell: (sheet: string, row: string, column: string) => string,
  done: (result: T) => void,
) {
  const file = ref<File | null>(null)
  const busy = ref(false)
  const result = ref<T | null>(null)
  const error = ref('')
  const cellErrors = ref<string[]>([])

  function describe(e: FieldProblem): string {
    const [, sheet, row, column] = e.loc
    return e.loc[0] === 'file' && row !== undefined ? `${cell(String(sheet), String(row), String(column ?? ''))}: ${e.msg}` : e.msg
  }

  async function upload() {
    if (!file.value) return
    busy.value = true
    error.value = ''
    cellErrors.value = []
    result.value = null
    try {
      const answer = await send(file.value)
      result.value = answer
      done(answer)
    } catch (e) {
      error.value = errorMessage(e)
      if (e instanceof ApiError) cellErrors.value = (e.problem.errors ?? []).slice(0, SHOWN).map(describe)
    } finally {
      busy.value = false
    }
  }

  return { file, busy, result, error, cellErrors, upload }
}
