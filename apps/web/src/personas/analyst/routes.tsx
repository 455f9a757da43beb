import type { PersonaDefinition } from '../../shared/persona';
import en from './messages/en.json';
import nb from './messages/nb.json';
import nn from './messages/nn.json';
import { AnalystLandingPage } from './pages/landing-page';

/** The analyst persona: its routes under PERSONA_BASE_PATHS.analyst, its words in messages/. */
export const analystPersona: PersonaDefinition = {
  id: 'analyst',
  messages: { nb, nn, en },
  routes: [{ index: true, element: <AnalystLandingPage /> }],
};
