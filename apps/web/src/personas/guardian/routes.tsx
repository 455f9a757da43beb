import type { PersonaDefinition } from '../../shared/persona';
import en from './messages/en.json';
import nb from './messages/nb.json';
import nn from './messages/nn.json';
import { ChildrenPage } from './pages/children-page';

/** Guardians and young people: their children (or themselves), mobile first. */
export const guardianPersona: PersonaDefinition = {
  id: 'guardian',
  messages: { nb, nn, en },
  routes: [{ index: true, element: <ChildrenPage /> }],
};
