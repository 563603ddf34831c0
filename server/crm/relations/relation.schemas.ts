import { RELATION_TYPES, type RelationType } from './relation.table.js';

const uuid = { type: 'string', format: 'uuid' } as const;

export const relationSchema = {
  type: 'object',
  required: ['id', 'relatedId', 'relatedName', 'type', 'note', 'createdAt'],
  properties: {
    id: uuid,
    relatedId: uuid,
    relatedName: { type: 'string' },
    type: { type: 'string', enum: [...RELATION_TYPES], description: 'What the related person is to this one ("parent": the related person is this one’s parent)' },
    note: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const addRelationBody = {
  type: 'object',
  required: ['relatedId', 'type'],
  additionalProperties: false,
  properties: {
    relatedId: { ...uuid, description: 'Another person you can see' },
    type: { type: 'string', enum: [...RELATION_TYPES], description: 'What the related person is to this one' },
    note: { type: ['string', 'null'], minLength: 1, maxLength: 500 },
  },
} as const;

export const listRelationsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { type: { type: 'array', items: { type: 'string', enum: [...RELATION_TYPES] }, maxItems: 6 } },
} as const;

export const relationParams = {
  type: 'object',
  required: ['id', 'relationId'],
  properties: { id: { ...uuid, description: 'The person' }, relationId: uuid },
} as const;

export const listRelationsReply = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: relationSchema } } } as const;

export interface NewRelation {
  relatedId: string;
  type: RelationType;
  note?: string | null;
}

export interface RelationDto {
  id: string;
  relatedId: string;
  relatedName: string;
  type: RelationType;
  note: string | null;
  createdAt: string;
}
