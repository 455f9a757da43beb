import type { RouteObject } from 'react-router';
import type { PersonaMessages } from './i18n/i18n';
import type { PersonaId } from './paths';

/**
 * A persona: its own routes (relative to its section, PERSONA_BASE_PATHS) and its own messages (an
 * i18n namespace named by its id). Each lives in `personas/<id>/routes.tsx`; `personas/index.ts`
 * lists them. The app shows a persona's routes only to the roles PERSONA_OF_ROLE sends there.
 */
export interface PersonaDefinition {
  readonly id: PersonaId;
  readonly messages: PersonaMessages;
  readonly routes: RouteObject[];
}
