import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { loadSession } from './features/accounts/session'
import './styles.css'

document.documentElement.lang = i18n.global.locale.value

async function start(): Promise<void> {
  await loadSession()
  createApp(App).use(i18n).use(router).mount('#app')
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
