import type { PersonaDefinition } from '../../shared/persona';
import en from './messages/en.json';
import nb from './messages/nb.json';
import nn from './messages/nn.json';
import { StaffLandingPage } from './pages/landing-page';

/** The staff persona: its routes under PERSONA_BASE_PATHS.staff, its words in messages/. */
export const staffPersona: PersonaDefinition = {
  id: 'staff',
  messages: { nb, nn, en },
  routes: [{ index: true, element: <StaffLandingPage /> }],
};
