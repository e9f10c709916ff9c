/**
 * The UI's words: Vietnamese first, English second; the choice is remembered on the device.
 *
 * A few lines instead of vue-i18n: the app only looks keys up and fills named placeholders
 * (`{n}`), and vue-i18n with its message compiler weighed 54 KB of the first screen's script,
 * 0.4 s at 400 kbit/s (docs/performance.md, "Web app on a weak connection"). English is loaded
 * when chosen, so a Vietnamese first visit does not download it.
 */
import { reactive, ref, type App } from 'vue'
import { vi, type Messages } from './vi'

export type Locale = 'vi' | 'en'
export const LOCALES: Locale[] = ['vi', 'en']
const KEY = 'ykien.locale'
type Params = Record<string, unknown>

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(KEY)
    if (saved === 'vi' || saved === 'en') return saved
  } catch {
    /* storage blocked */
  }
  return 'vi'
}

/** Reactive, so that screens showing English re-render once its words have arrived. */
const messages = reactive<Partial<Record<Locale, Messages>>>({ vi })
const locale = ref<Locale>('vi')

function lookup(locale: Locale, key: string): string | undefined {
  let node: unknown = messages[locale]
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** The message of `key` in the current language (else Vietnamese, else the key), `{name}` filled from `params`. */
function t(key: string, params?: Params, options?: { locale?: Locale }): string {
  const message = lookup(options?.locale ?? locale.value, key) ?? lookup('vi', key)
  if (message === undefined) return key
  if (!params) return message
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** Whether `key` has a message in the current language. */
function te(key: string): boolean {
  return lookup(locale.value, key) !== undefined
}

export const i18n = {
  global: { t, te, locale },
  install(app: App): void {
    app.config.globalProperties.$t = t
  },
}

/** The words for a component's setup (the same for every component: the language is global). */
export function useI18n() {
  return { t, te, locale }
}

/** Loads a language's words (English comes in its own small file, fetched once). */
export async function loadLocale(wanted: Locale): Promise<void> {
  if (!messages[wanted]) messages[wanted] = (await import('./en')).en
}

export async function setLocale(wanted: Locale): Promise<void> {
  await loadLocale(wanted)
  locale.value = wanted
  document.documentElement.lang = wanted
  try {
    localStorage.setItem(KEY, wanted)
  } catch {
    /* ignore */
  }
}

/** The language chosen on this device, ready before the app is shown. */
export async function restoreLocale(): Promise<void> {
  const wanted = initialLocale()
  if (wanted !== 'vi') await setLocale(wanted).catch(() => undefined)
}

declare module 'vue' {
  interface ComponentCustomProperties {
    $t: typeof t
  }
}
