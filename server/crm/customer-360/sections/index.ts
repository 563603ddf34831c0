import type { Customer360Section } from '../section.js';
import { contactsSection } from './contacts.section.js';
import { dealsSection } from './deals.section.js';
import { membershipsSection } from './memberships.section.js';
import { processesSection } from './processes.section.js';
import { relationsSection } from './relations.section.js';
import { timelineSection } from './timeline.section.js';

/**
 * THE list the 360 card is composed from: each section is one key of the reply. To add one
 * (activities, complaints, products held, …) write `<name>.section.ts` beside these and add
 * it here; its history belongs in timeline/sources.ts.
 */
export const CUSTOMER_360_SECTIONS: readonly Customer360Section[] = [
  contactsSection,
  relationsSection,
  dealsSection,
  processesSection,
  membershipsSection,
  timelineSection,
];
