import { createApp } from 'vue'
import App from './App.vue'
import { i18n, restoreLocale } from './i18n'
import { router } from './router'
import { loadSession, maybeSignedIn, probeSession } from './features/accounts/session'
import './styles.css'

document.documentElement.lang = i18n.global.locale.value

async function start(): Promise<void> {
  await restoreLocale() // English, when chosen on this device, before the first screen
  if (maybeSignedIn()) {
    await loadSession()
    createApp(App).use(i18n).use(router).mount('#app')
    return
  }
  // No session expected on this device: the login screen at once, the server asked meanwhile.
  const probing = probeSession()
  createApp(App).use(i18n).use(router).mount('#app')
  if ((await probing) && router.currentRoute.value.name === 'login') {
    const next = router.currentRoute.value.query.next
    await router.replace(typeof next === 'string' && next.startsWith('/') ? next : '/')
  }
}
void start()

// The service worker makes the entry screen open offline once visited (see sw/sw.js).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      /* not served or blocked: the app still works online */
    })
  })
}
