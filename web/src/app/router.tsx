import { createBrowserRouter, Navigate } from 'react-router'
import { FullPageSpinner, RedirectIfSignedIn, RequireAuth, TenantGate } from './guards.tsx'
import { AppLayout } from './layout/app-layout.tsx'
import { RouteErrorBoundary } from './routes/error-boundary.tsx'
import { NotFoundRoute } from './routes/not-found.tsx'

/** Pages load on demand; the shell, guards and auth pages ship in the first bundle. */
export function createRouter() {
  return createBrowserRouter([
    {
      ErrorBoundary: RouteErrorBoundary,
      HydrateFallback: FullPageSpinner,
      children: [
        {
          Component: RedirectIfSignedIn,
          children: [
            {
              path: '/sign-in',
              lazy: () => import('./routes/auth/sign-in.tsx').then((m) => ({ Component: m.SignInRoute })),
            },
            {
              path: '/sign-up',
              lazy: () => import('./routes/auth/sign-up.tsx').then((m) => ({ Component: m.SignUpRoute })),
            },
          ],
        },
        {
          Component: RequireAuth,
          children: [
            {
              path: '/onboarding',
              lazy: () => import('./routes/onboarding.tsx').then((m) => ({ Component: m.OnboardingRoute })),
            },
            {
              Component: TenantGate,
              children: [
                {
                  Component: AppLayout,
                  children: [
                    {
                      index: true,
                      lazy: () =>
                        import('./routes/app/overview.tsx').then((m) => ({ Component: m.OverviewRoute })),
                    },
                    {
                      path: 'assistants',
                      lazy: () =>
                        import('./routes/app/assistants.tsx').then((m) => ({ Component: m.AssistantsRoute })),
                    },
                    {
                      path: 'calls',
                      lazy: () => import('./routes/app/calls.tsx').then((m) => ({ Component: m.CallsRoute })),
                    },
                    {
                      path: 'inbox',
                      lazy: () => import('./routes/app/inbox.tsx').then((m) => ({ Component: m.InboxRoute })),
                    },
                    {
                      path: 'channels',
                      lazy: () =>
                        import('./routes/app/channels.tsx').then((m) => ({ Component: m.ChannelsRoute })),
                    },
                    {
                      path: 'team',
                      lazy: () => import('./routes/app/team.tsx').then((m) => ({ Component: m.TeamRoute })),
                    },
                    {
                      path: 'settings',
                      lazy: () =>
                        import('./routes/app/settings-layout.tsx').then((m) => ({
                          Component: m.SettingsLayout,
                        })),
                      children: [
                        { index: true, element: <Navigate to='integrations' replace /> },
                        {
                          path: 'integrations',
                          lazy: () =>
                            import('./routes/app/integrations.tsx').then((m) => ({
                              Component: m.IntegrationsRoute,
                            })),
                        },
                        {
                          path: 'general',
                          lazy: () =>
                            import('./routes/app/general.tsx').then((m) => ({ Component: m.GeneralRoute })),
                        },
                      ],
                    },
                    { path: '*', Component: NotFoundRoute },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ])
}
