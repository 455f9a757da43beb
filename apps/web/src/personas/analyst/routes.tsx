import type { PersonaDefinition } from '../../shared/persona';
import { ANALYST_PATHS } from './access';
import './analyst.css';
import en from './messages/en.json';
import nb from './messages/nb.json';
import nn from './messages/nn.json';
import { DefinitionsPage } from './pages/definitions-page';
import { EventsPage } from './pages/events-page';
import { InitiativesPage } from './pages/initiatives-page';
import { MetricsPage } from './pages/metrics-page';
import { UsePage } from './pages/use-page';

/**
 * Analysts and leaders (analyst, admin; the operator and the archive are told what their role is
 * for): the programme's metrics as charts, the use per service, the initiatives and their funds,
 * what every figure means, and the events in the log (operator, admin). Under
 * PERSONA_BASE_PATHS.analyst; words in messages/.
 */
export const analystPersona: PersonaDefinition = {
  id: 'analyst',
  messages: { nb, nn, en },
  routes: [
    { index: true, element: <MetricsPage /> },
    { path: ANALYST_PATHS.use, element: <UsePage /> },
    { path: ANALYST_PATHS.initiatives, element: <InitiativesPage /> },
    { path: ANALYST_PATHS.definitions, element: <DefinitionsPage /> },
    { path: ANALYST_PATHS.events, element: <EventsPage /> },
  ],
};
