/**
 * A small RFC 5545 (iCalendar) writer for what Funnelflow publishes: VEVENTs with UTC times
 * (or whole dates), attendees and a status. Text values are escaped (`\` `;` `,` newlines),
 * parameter values quoted when they hold `:` `;` `,`, and every content line folded at 75
 * octets without splitting a UTF-8 character; lines end in CRLF.
 */
export interface IcsAttendee {
  readonly name: string;
  /** mailto: address; without one the attendee is named by `uri` (e.g. urn:uuid:…). */
  readonly email?: string | null;
  readonly uri?: string;
  readonly cutype?: 'INDIVIDUAL' | 'ROOM' | 'RESOURCE';
}

export interface IcsEvent {
  readonly uid: string;
  /** When this version of the event was written (DTSTAMP / LAST-MODIFIED). */
  readonly stamp: Date;
  readonly start: Date;
  /** `null`: a point in time (a deadline). */
  readonly end: Date | null;
  /** Whole days: DTSTART/DTEND become `VALUE=DATE` (start and end are UTC midnights). */
  readonly allDay?: boolean;
  readonly summary: string;
  readonly description?: string | null;
  readonly location?: string | null;
  readonly status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  readonly sequence?: number;
  readonly organizer?: IcsAttendee;
  readonly attendees?: readonly IcsAttendee[];
  readonly categories?: readonly string[];
}

export interface IcsCalendar {
  readonly prodId: string;
  readonly name?: string;
  readonly events: readonly IcsEvent[];
}

export function serializeCalendar(calendar: IcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${calendar.prodId}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function eventLines(event: IcsEvent): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${utc(event.stamp)}`, `LAST-MODIFIED:${utc(event.stamp)}`];
  if (event.allDay) {
    lines.push(`DTSTART;VALUE=DATE:${date(event.start)}`);
    if (event.end) lines.push(`DTEND;VALUE=DATE:${date(event.end)}`);
  } else {
    lines.push(`DTSTART:${utc(event.start)}`);
    if (event.end) lines.push(`DTEND:${utc(event.end)}`);
  }
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`);
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
  lines.push(`STATUS:${event.status}`);
  if (event.organizer) lines.push(`ORGANIZER;CN=${paramValue(event.organizer.name)}:${address(event.organizer)}`);
  for (const attendee of event.attendees ?? []) {
    lines.push(`ATTENDEE;CUTYPE=${attendee.cutype ?? 'INDIVIDUAL'};CN=${paramValue(attendee.name)}:${address(attendee)}`);
  }
  lines.push('END:VEVENT');
  return lines;
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as `\n`. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line into chunks of at most 75 octets (RFC 5545 §3.1): continuation
 * lines start with one space, which counts toward their 75. A character is never split.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const chunks: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      chunks.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  chunks.push(current);
  return chunks.join('\r\n ');
}

/** A parameter value (CN=…): quoted when it holds `:` `;` `,`; double quotes and controls cannot appear at all. */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

function address(attendee: IcsAttendee): string {
  return attendee.email ? `mailto:${attendee.email}` : (attendee.uri ?? 'urn:invalid:unknown');
}

function utc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function date(at: Date): string {
  return at.toISOString().slice(0, 10).replace(/-/g, '');
}
