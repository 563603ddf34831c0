import type { Role } from '../db/tables/index.js';

/** Whether a user holding `held` may act where one of `needed` is required: admins always may. */
export function mayAct(held: readonly Role[], needed: readonly Role[]): boolean {
  return held.includes('admin') || needed.some((role) => held.includes(role));
}
