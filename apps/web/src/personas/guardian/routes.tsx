import type { PersonaDefinition } from '../../shared/persona';
import en from './messages/en.json';
import nb from './messages/nb.json';
import nn from './messages/nn.json';
import { AccessLogPage } from './pages/access-log-page';
import { ChildrenPage } from './pages/children-page';
import { LogPage } from './pages/log-page';
import { MeetingPage } from './pages/meeting-page';

/** Guardians and young people: their children (or themselves), mobile first. */
export const guardianPersona: PersonaDefinition = {
  id: 'guardian',
  messages: { nb, nn, en },
  routes: [
    { index: true, element: <ChildrenPage /> },
    { path: 'logg/:logId', element: <LogPage /> },
    { path: 'mote/:meetingId', element: <MeetingPage /> },
    { path: 'familie/:familyId/innsyn', element: <AccessLogPage /> },
  ],
};
