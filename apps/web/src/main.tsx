import '@fontsource-variable/inter';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './shared/layout/app.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createAppRouter } from './app';
import { PERSONAS } from './personas';
import { ApiError, NetworkError } from './shared/api/errors';
import { AuthProvider } from './shared/auth/auth';
import { initI18n } from './shared/i18n/i18n';
import type { PersonaMessages } from './shared/i18n/i18n';
import type { PersonaId } from './shared/paths';

const queryClient = new QueryClient({
  defaultOptions: {
    // Offline, a request fails at once and says so (with "try again"), instead of waiting unseen.
    mutations: { networkMode: 'always' },
    queries: {
      networkMode: 'always',
      staleTime: 30_000,
      // A lost connection or the server's own trouble is worth two more tries; a refusal is not.
      retry: (failures, error) =>
        failures < 2 &&
        (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)),
    },
  },
});

await initI18n(
  Object.fromEntries(PERSONAS.map((p) => [p.id, p.messages])) as Record<PersonaId, PersonaMessages>,
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={createAppRouter()} />
      </AuthProvider>
    </QueryClientProvider>
  </StrictMode>,
);
