import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { invalidField } from '../shared.js';
import type { LeadStatus } from './lead.tables.js';
import type { LeadDto } from './leads.repository.js';
import { writeLead } from './leads.service.js';

/**
 * The qualification steps and the statuses each may start from. `converted` is reached only
 * through conversion (lead-conversion.ts) and ends the lead's life; a disqualified lead can
 * be reopened into the inbox.
 *
 *   new ──contact──▶ contacted ──qualify──▶ qualified ──convert──▶ converted
 *    └──────────qualify──────────▶┘            │
 *   new / contacted / qualified ──disqualify(reason)──▶ disqualified ──reopen──▶ new
 */
export const TRANSITIONS = {
  contact: { from: ['new'], to: 'contacted' },
  qualify: { from: ['new', 'contacted'], to: 'qualified' },
  disqualify: { from: ['new', 'contacted', 'qualified'], to: 'disqualified' },
  reopen: { from: ['disqualified'], to: 'new' },
} as const satisfies Record<string, { from: readonly LeadStatus[]; to: LeadStatus }>;

export type LeadStep = keyof typeof TRANSITIONS;

/** Statuses a lead may be converted from. */
export const CONVERTIBLE: readonly LeadStatus[] = ['new', 'contacted', 'qualified'];

/** 409 with the allowed starting statuses when `status` may not take `step`. */
export function assertStep(step: LeadStep | 'convert', status: LeadStatus): void {
  const from: readonly LeadStatus[] = step === 'convert' ? CONVERTIBLE : TRANSITIONS[step].from;
  if (!from.includes(status)) {
    throw new AppError('SRV_ERR_LEAD_TRANSITION', `Expected the lead to be ${from.join(' or ')} to ${step} it, but it is ${status}`, { status, allowedFrom: from });
  }
}

/** Takes one qualification step (disqualify needs a reason), under optimistic concurrency. */
export async function stepLead(db: Kysely<Database>, viewer: Viewer, id: string, step: LeadStep, expected: number, reason?: string): Promise<LeadDto> {
  const why = reason?.trim();
  if (step === 'disqualify' && !why) throw invalidField('body.reason', 'must say why the lead is disqualified');
  return writeLead(db, viewer, id, expected, async (trx, current) => {
    assertStep(step, current.status);
    const row = await trx
      .updateTable('leads')
      .set({ status: TRANSITIONS[step].to, disqualify_reason: step === 'disqualify' ? why! : null, version: current.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, action: step };
  });
}
