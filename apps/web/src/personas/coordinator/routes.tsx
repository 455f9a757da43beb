import type { PersonaDefinition } from '../../shared/persona';
import './coordinator.css';
import en from './messages/en.json';
import nb from './messages/nb.json';
import nn from './messages/nn.json';
import { EvaluationPage } from './pages/evaluation-page';
import { FamilyPage } from './pages/family-page';
import { FollowUpsPage } from './pages/follow-ups-page';
import { MeetingPage } from './pages/meeting-page';
import { SchedulePage } from './pages/schedule-page';
import { WorklistPage } from './pages/worklist-page';

/**
 * The coordinator persona: the worklist first, then a family's logs and meetings, planning a meeting,
 * running it step by step, the family's evaluation handed over the table, and the follow-ups the
 * system could not carry out. Paths relative to PERSONA_BASE_PATHS.coordinator (see paths.ts).
 */
export const coordinatorPersona: PersonaDefinition = {
  id: 'coordinator',
  messages: { nb, nn, en },
  routes: [
    { index: true, element: <WorklistPage /> },
    { path: 'oppfolging', element: <FollowUpsPage /> },
    { path: 'familie/:familyId', element: <FamilyPage /> },
    { path: 'familie/:familyId/nytt-mote', element: <SchedulePage /> },
    { path: 'mote/:meetingId', element: <MeetingPage /> },
    { path: 'mote/:meetingId/vurdering', element: <EvaluationPage /> },
  ],
};
