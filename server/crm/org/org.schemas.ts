import { ORG_UNIT_KINDS } from './org.tables.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const region = { type: ['string', 'null'], minLength: 1, maxLength: 50, description: 'Territory code' } as const;
const name = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const orgUnitSchema = {
  $id: 'OrgUnit',
  type: 'object',
  required: ['id', 'kind', 'name', 'parentId', 'path', 'region'],
  properties: {
    id: uuid,
    kind: { type: 'string', enum: [...ORG_UNIT_KINDS] },
    name: { type: 'string' },
    parentId: { type: ['string', 'null'], format: 'uuid' },
    path: { type: 'string', description: 'Materialised path of ids, /root/…/self/' },
    region: { type: ['string', 'null'] },
  },
} as const;

export const positionSchema = {
  $id: 'Position',
  type: 'object',
  required: ['id', 'unitId', 'title', 'isHead', 'holderIds'],
  properties: {
    id: uuid,
    unitId: uuid,
    title: { type: 'string' },
    isHead: { type: 'boolean' },
    holderIds: { type: 'array', items: uuid },
  },
} as const;

export const createOrgUnitBody = {
  type: 'object',
  required: ['kind', 'name'],
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: [...ORG_UNIT_KINDS] }, name, parentId: { type: ['string', 'null'], format: 'uuid' }, region },
} as const;

export const updateOrgUnitBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { kind: { type: 'string', enum: [...ORG_UNIT_KINDS] }, name, parentId: { type: ['string', 'null'], format: 'uuid' }, region },
} as const;

export const listOrgUnitsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { under: { ...uuid, description: 'Only this unit and its subtree' } },
} as const;

export const createPositionBody = {
  type: 'object',
  required: ['unitId', 'title'],
  additionalProperties: false,
  properties: { unitId: uuid, title: name, isHead: { type: 'boolean', default: false } },
} as const;

export const listPositionsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { unitId: uuid, userId: uuid },
} as const;

export const holderParams = {
  type: 'object',
  required: ['id', 'userId'],
  properties: { id: uuid, userId: uuid },
} as const;

export interface OrgUnitInput {
  kind: (typeof ORG_UNIT_KINDS)[number];
  name: string;
  parentId?: string | null;
  region?: string | null;
}

export interface PositionInput {
  unitId: string;
  title: string;
  isHead: boolean;
}
