import type { PersonaDefinition } from '../../shared/persona';
import en from './messages/en.json';
import nb from './messages/nb.json';
import nn from './messages/nn.json';
import { CoordinatorLandingPage } from './pages/landing-page';

/** The coordinator persona: its routes under PERSONA_BASE_PATHS.coordinator, its words in messages/. */
export const coordinatorPersona: PersonaDefinition = {
  id: 'coordinator',
  messages: { nb, nn, en },
  routes: [{ index: true, element: <CoordinatorLandingPage /> }],
};
