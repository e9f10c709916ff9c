/**
 * Routes. Hash history: deep links work whatever the server does with unknown
 * paths, and the service worker only has to answer for "/". Everything but the
 * login and entry screens is loaded lazily.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import EntryView from '@/features/comments/EntryView.vue'
import LoginView from '@/features/accounts/LoginView.vue'
import { session } from '@/features/accounts/session'
import { prefetchConsultations } from '@/features/consultations/context'
import type { Role } from '@/api/types'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    roles?: Role[]
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  // Not signed in yet: log in first and come back here, so that a board lands on the entry screen.
  {
    path: '/',
    name: 'home',
    redirect: () =>
      !session.user ? { name: 'login' } : session.user.role === 'entry' ? { name: 'entry' } : { name: 'dashboard' },
  },
  { path: '/entry', name: 'entry', component: EntryView, meta: { roles: ['admin', 'secretary', 'entry'] } },
  {
    path: '/dashboard/:unitId(\\d+)?',
    name: 'dashboard',
    component: () => import('@/features/stats/DashboardView.vue'),
    // The screen's first question, asked while its code downloads (one round trip less).
    beforeEnter: () => prefetchConsultations(),
  },
  { path: '/comments', name: 'comments', component: () => import('@/features/comments/CommentsBrowser.vue') },
  { path: '/comments/:id', name: 'comment', component: () => import('@/features/comments/CommentDetail.vue') },
  { path: '/synthesis/:id?', name: 'synthesis', component: () => import('@/features/syntheses/SynthesisView.vue') },
  // works (issue #17): registered works and tasks
  { path: '/works/new', name: 'work-new', component: () => import('@/features/works/WorkForm.vue'), meta: { roles: ['admin', 'secretary', 'entry'] } },
  { path: '/works/item/:id', name: 'work', component: () => import('@/features/works/WorkDetailView.vue') },
  { path: '/works/:unitId(\\d+)?', name: 'works', component: () => import('@/features/works/WorksView.vue') },
  // periodic reports (issue #17)
  { path: '/periodic', name: 'periodic', component: () => import('@/features/periodic/PeriodicList.vue') },
  { path: '/periodic/:id', name: 'periodic-report', component: () => import('@/features/periodic/PeriodicEditor.vue') },
  {
    path: '/admin',
    component: () => import('@/components/AdminLayout.vue'),
    meta: { roles: ['admin'] },
    children: [
      { path: '', redirect: { name: 'admin-units' } },
      { path: 'units', name: 'admin-units', component: () => import('@/features/units/UnitsAdmin.vue'), meta: { roles: ['admin'] } },
      { path: 'users', name: 'admin-users', component: () => import('@/features/accounts/UsersAdmin.vue'), meta: { roles: ['admin'] } },
      { path: 'api-keys', name: 'admin-keys', component: () => import('@/features/accounts/ApiKeysAdmin.vue'), meta: { roles: ['admin'] } },
      { path: 'consultations', name: 'admin-consultations', component: () => import('@/features/consultations/ConsultationsAdmin.vue'), meta: { roles: ['admin'] } },
      { path: 'audit', name: 'admin-audit', component: () => import('@/features/audit/AuditAdmin.vue'), meta: { roles: ['admin'] } },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/components/NotFound.vue') },
]

export const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach((to) => {
  if (to.meta.public) return true
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  const roles = to.matched.flatMap((r) => r.meta.roles ?? [])
  if (roles.length && !roles.includes(session.user.role)) return { name: 'home' }
  return true
})

// After a new deployment, the chunks of the old build may be gone: load the new app at the wanted page.
router.onError((error: unknown, to) => {
  if (!/dynamically imported module|Importing a module script failed|error loading dynamically/i.test(String(error))) return
  // Once a minute at most, so a chunk that is really broken cannot loop.
  const last = Number(sessionStorage.getItem('ykien.chunkReload') ?? 0)
  if (Date.now() - last < 60_000) return
  sessionStorage.setItem('ykien.chunkReload', String(Date.now()))
  window.location.assign(`${window.location.pathname}#${to.fullPath}`)
  window.location.reload()
})
