import { decodeCursor, encodeCursor } from '../keyset-cursor.js';

/** The keyset cursor of timestamp-keyed lists (activities, calendar, reminders): a key that is not a date is a forged cursor. */
export function encodeTimeCursor(sort: string, key: Date, id: string): string {
  return encodeCursor(sort, key.toISOString(), id);
}

export function decodeTimeCursor(text: string, sort: string): { key: string; id: string } {
  return decodeCursor(text, sort, (key) => !Number.isNaN(Date.parse(key)));
}
