/** vue-i18n set-up: Vietnamese first, English second; the choice is remembered on the device. */
import { createI18n } from 'vue-i18n'
import { en } from './en'
import { vi } from './vi'

export type Locale = 'vi' | 'en'
export const LOCALES: Locale[] = ['vi', 'en']
const KEY = 'ykien.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(KEY)
    if (saved === 'vi' || saved === 'en') return saved
  } catch {
    /* storage blocked */
  }
  return 'vi'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'vi',
  messages: { vi, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(KEY, locale)
  } catch {
    /* ignore */
  }
}
