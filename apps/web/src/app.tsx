import { Outlet, createBrowserRouter, type RouteObject } from 'react-router';
import { PERSONAS } from './personas';
import { RequirePersona } from './shared/auth/require-persona';
import { AppLayout } from './shared/layout/app-layout';
import { HomeRedirect } from './shared/pages/home-redirect';
import { NotFoundPage } from './shared/pages/not-found-page';
import { RouteErrorPage } from './shared/pages/route-error-page';
import { SignInCallbackPage } from './shared/pages/sign-in-callback-page';
import { SignInPage } from './shared/pages/sign-in-page';
import { PERSONA_BASE_PATHS, SIGN_IN_CALLBACK_PATH, SIGN_IN_PATH } from './shared/paths';

/** The app's routes: sign-in, then each persona's section for the roles it is for. */
export function appRoutes(): RouteObject[] {
  return [
    {
      element: <AppLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <HomeRedirect /> },
        { path: SIGN_IN_PATH, element: <SignInPage /> },
        { path: SIGN_IN_CALLBACK_PATH, element: <SignInCallbackPage /> },
        ...PERSONAS.map((persona): RouteObject => ({
          path: PERSONA_BASE_PATHS[persona.id],
          element: (
            <RequirePersona persona={persona.id}>
              <Outlet />
            </RequirePersona>
          ),
          children: [...persona.routes, { path: '*', element: <NotFoundPage /> }],
        })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export const createAppRouter = () => createBrowserRouter(appRoutes());
