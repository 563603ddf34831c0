const uuid = { type: 'string', format: 'uuid' } as const;
const instant = { type: 'string', format: 'date-time' } as const;

export const substitutionSchema = {
  $id: 'Substitution',
  type: 'object',
  required: ['id', 'absentUserId', 'substituteId', 'from', 'to', 'createdBy'],
  properties: { id: uuid, absentUserId: uuid, substituteId: uuid, from: instant, to: instant, createdBy: uuid },
} as const;

export const createSubstitutionBody = {
  type: 'object',
  required: ['absentUserId', 'substituteId', 'from', 'to'],
  additionalProperties: false,
  properties: {
    absentUserId: { ...uuid, description: 'A: the user who will be away' },
    substituteId: { ...uuid, description: 'B: acts for A during [from, to)' },
    from: instant,
    to: { ...instant, description: 'Exclusive end' },
  },
} as const;

export const listSubstitutionsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    userId: { ...uuid, description: 'Only substitutions where this user is absent or substitute' },
    activeAt: { ...instant, description: 'Only those running at this instant' },
  },
} as const;

export interface SubstitutionInput {
  absentUserId: string;
  substituteId: string;
  from: string;
  to: string;
}
