import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/i18n'
import { ApiError, NetworkError, errorMessage, fieldErrors, rowProblems } from './problem'

afterEach(() => setLocale('vi'))

describe('problem+json field errors', () => {
  it('names the field from loc; untyped messages are kept as they are', () => {
    expect(
      fieldErrors([
        { loc: ['body', 'content'], msg: 'too short' },
        { loc: ['body', 'items', 3, 'people'], msg: 'must be ≥ 1' },
        { loc: ['body', 'content'], msg: 'second' },
        { loc: [], msg: 'general' },
      ]),
    ).toEqual({ content: 'too short', people: 'must be ≥ 1', _: 'general' })
  })

  it("says pydantic's errors in Vietnamese by their type, never its English", () => {
    const errors = fieldErrors([
      { loc: ['body', 'username'], msg: 'String should have at least 1 character', type: 'string_too_short' },
      { loc: ['body', 'password'], msg: 'String should have at least 10 characters', type: 'string_too_short' },
      { loc: ['body', 'content'], msg: 'String should have at most 10000 characters', type: 'string_too_long' },
      { loc: ['body', 'people'], msg: 'Input should be greater than or equal to 1', type: 'greater_than_equal' },
      { loc: ['body', 'collected_on'], msg: 'Input should be a valid date or datetime, input is too short', type: 'date_from_datetime_parsing' },
      { loc: ['body', 'stance'], msg: "Input should be 'agree', 'amend'", type: 'enum' },
      { loc: ['body', 'unit_id'], msg: 'unit is outside your part of the hierarchy', type: 'value_error' },
    ])
    expect(errors).toEqual({
      username: 'bắt buộc',
      password: 'cần ít nhất 10 ký tự',
      content: 'tối đa 10000 ký tự',
      people: 'phải từ 1 trở lên',
      collected_on: 'ngày không hợp lệ (dd/mm/yyyy)',
      stance: 'giá trị không có trong danh sách',
      unit_id: 'nằm ngoài phạm vi của bạn',
    })
  })

  it('keeps a message the server already wrote in Vietnamese', () => {
    expect(fieldErrors([{ loc: ['file', 'Ý kiến', 4, 'collected_on'], msg: 'ngày phải từ 01/08/2025 đến 30/09/2025', type: 'value_error' }])).toEqual({ collected_on: 'ngày phải từ 01/08/2025 đến 30/09/2025' })
  })
})

describe('problem messages', () => {
  it('names the field by its label, without a body. path', () => {
    const e = new ApiError(422, { title: 'Unprocessable Content', detail: 'body.username: String should have at least 1 character', errors: [{ loc: ['body', 'username'], msg: 'String should have at least 1 character', type: 'string_too_short' }] })
    expect(e.message).toBe('Tên đăng nhập: bắt buộc')
    expect(errorMessage(e)).toBe('Tên đăng nhập: bắt buộc')
    expect(e.message).not.toContain('body.')
  })

  it('says a unit one cannot reach is not accessible, not that it does not exist', () => {
    const e = new ApiError(404, { title: 'Not Found', detail: 'Unit 2 does not exist.' })
    expect(errorMessage(e)).toBe('Không truy cập được đơn vị này (không có, hoặc nằm ngoài phạm vi của bạn).')
    expect(errorMessage(new ApiError(422, { detail: 'body.unit_id: unit is outside your part of the hierarchy', errors: [{ loc: ['body', 'unit_id'], msg: 'unit is outside your part of the hierarchy', type: 'value_error' }] }))).toBe('Đơn vị: nằm ngoài phạm vi của bạn')
  })

  it('gives each status its own sentence, and the known conflicts theirs', () => {
    expect(errorMessage(new ApiError(403, { detail: 'Your role (viewer) may not do this.' }))).toBe('Bạn không có quyền làm việc này.')
    expect(errorMessage(new ApiError(409, { detail: "The username 'an' is taken." }))).toBe('Tên đăng nhập này đã có người dùng.')
    expect(errorMessage(new ApiError(409, { detail: 'The consultation is closed: comments can no longer be entered or changed.' }))).toBe('Đợt lấy ý kiến đã đóng: không nhập hay sửa ý kiến được nữa.')
    expect(errorMessage(new ApiError(503, { title: 'Unavailable' }))).toBe('Máy chủ đang gặp sự cố. Vui lòng thử lại sau.')
    expect(errorMessage(new NetworkError('Failed to fetch'))).toBe('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.')
  })

  it('speaks English when the UI does', async () => {
    await setLocale('en')
    const e = new ApiError(422, { errors: [{ loc: ['body', 'password'], msg: 'String should have at least 10 characters', type: 'string_too_short' }] })
    expect(errorMessage(e)).toBe('Password: at least 10 characters')
    expect(errorMessage(new ApiError(404, { detail: 'Unit 2 does not exist.' }))).toBe('This unit is not accessible (it does not exist, or it is outside your scope).')
  })
})

describe('import rows', () => {
  it('names each failing row with its field and the rule, in Vietnamese', () => {
    const e = new ApiError(422, {
      title: 'Unprocessable Content',
      errors: [
        { loc: ['rows', 3, 'password'], msg: 'String should have at least 10 characters', type: 'string_too_short' },
        { loc: ['rows', 4, 'username'], msg: "username 'a' repeats row 2", type: 'conflict' },
        { loc: ['rows', 5, 'username'], msg: "username 'b' is taken", type: 'conflict' },
        { loc: ['rows', 6, 'unit_code'], msg: "unit 'X' does not exist in your part of the hierarchy", type: 'not_found' },
        { loc: ['rows', 7, 'role'], msg: "Input should be 'admin', 'secretary', 'entry' or 'viewer'", type: 'enum' },
        { loc: ['file', 'header'], msg: 'missing column(s): password', type: 'value_error' },
      ],
    })
    expect(rowProblems(e, (row) => `Dòng ${row}`)).toEqual([
      'Dòng 3 · Mật khẩu: cần ít nhất 10 ký tự',
      'Dòng 4 · Tên đăng nhập: bị trùng lặp',
      'Dòng 5 · Tên đăng nhập: đã có',
      'Dòng 6 · Đơn vị: không truy cập được (không có, hoặc ngoài phạm vi của bạn)',
      'Dòng 7 · Vai trò: ' + fieldErrors([{ loc: ['role'], msg: '', type: 'enum' }]).role,
    ])
    expect(rowProblems(new NetworkError('offline'), (row) => `${row}`)).toEqual([])
  })
})
