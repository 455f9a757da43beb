import type { PersonaDefinition } from '../shared/persona';
import { analystPersona } from './analyst/routes';
import { coordinatorPersona } from './coordinator/routes';
import { guardianPersona } from './guardian/routes';
import { staffPersona } from './staff/routes';

/** Every persona of the app; each owns its folder (routes, pages, messages). */
export const PERSONAS: readonly PersonaDefinition[] = [
  guardianPersona,
  staffPersona,
  coordinatorPersona,
  analystPersona,
];
