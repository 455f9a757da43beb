import type { PersonaDefinition } from '../../shared/persona';
import en from './messages/en.json';
import nb from './messages/nb.json';
import nn from './messages/nn.json';
import { CataloguePage } from './pages/catalogue-page';
import { ConcernPage } from './pages/concern-page';
import { LogPage } from './pages/log-page';
import { NewConcernPage } from './pages/new-concern-page';
import { TeamPage } from './pages/team-page';
import { WorklistPage } from './pages/worklist-page';
import { STAFF_ROUTES } from './paths';
import './staff.css';

/**
 * Staff of the municipality's services: the worklist first, then noting a concern, the concern's
 * clarification, the stafettlogg, the service catalogue and the teams' intake queues.
 */
export const staffPersona: PersonaDefinition = {
  id: 'staff',
  messages: { nb, nn, en },
  routes: [
    { index: true, element: <WorklistPage /> },
    { path: STAFF_ROUTES.newConcern, element: <NewConcernPage /> },
    { path: STAFF_ROUTES.concern, element: <ConcernPage /> },
    { path: STAFF_ROUTES.log, element: <LogPage /> },
    { path: STAFF_ROUTES.catalogue, element: <CataloguePage /> },
    { path: STAFF_ROUTES.team, element: <TeamPage /> },
  ],
};
