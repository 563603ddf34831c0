/**
 * Shapes of the external-task API, after Camunda 7's (`/external-task/fetchAndLock`,
 * `/{id}/complete`, …) with one difference: variables are a plain JSON object of values,
 * like everywhere else in our API, not `{name: {value, type}}`.
 */
import { variablesSchema } from './workflow.schemas.js';

const nullableString = { type: ['string', 'null'] } as const;

/** Who reports: the id the worker fetched with. */
const workerId = { type: 'string', minLength: 1, maxLength: 200 } as const;
/** Up to 30 days, in milliseconds. */
const duration = { type: 'integer', minimum: 1, maximum: 30 * 24 * 3600 * 1000 } as const;
const name = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const MAX_ASYNC_RESPONSE_TIMEOUT_MS = 60_000;

export const fetchAndLockBody = {
  type: 'object',
  required: ['workerId', 'maxTasks', 'topics'],
  additionalProperties: false,
  properties: {
    workerId,
    maxTasks: { type: 'integer', minimum: 1, maximum: 100 },
    usePriority: { type: 'boolean', description: 'Accepted for Camunda clients; has no effect yet (jobs carry no priority)' },
    asyncResponseTimeout: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_ASYNC_RESPONSE_TIMEOUT_MS,
      default: 0,
      description: 'Long polling: when no task is available, wait up to this many ms for one',
    },
    topics: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        required: ['topicName', 'lockDuration'],
        additionalProperties: false,
        properties: {
          topicName: { ...name, description: 'The job type: a service task’s zeebe:taskDefinition type' },
          lockDuration: { ...duration, description: 'How long fetched tasks stay locked to this worker (ms)' },
          variables: { type: 'array', items: name, maxItems: 200, description: 'Only these variables; all the task sees when absent' },
          businessKey: name,
          processDefinitionKey: name,
        },
      },
    },
  },
} as const;

export const lockedTaskSchema = {
  type: 'object',
  required: ['id', 'topicName', 'workerId', 'lockExpirationTime', 'processInstanceId', 'activityId', 'variables'],
  properties: {
    id: { type: 'string' },
    topicName: { type: 'string' },
    workerId: { type: 'string' },
    lockExpirationTime: { type: 'string', format: 'date-time' },
    retries: { type: 'integer' },
    errorMessage: nullableString,
    processInstanceId: { type: 'string' },
    processDefinitionKey: { type: 'string' },
    processDefinitionId: { type: 'string' },
    businessKey: nullableString,
    activityId: { type: 'string' },
    activityInstanceId: { type: 'string' },
    variables: variablesSchema,
    headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'The task’s zeebe:taskHeaders' },
  },
} as const;

export const externalTaskSchema = {
  type: 'object',
  required: ['id', 'topicName', 'state', 'locked', 'processInstanceId', 'activityId'],
  properties: {
    id: { type: 'string' },
    topicName: { type: 'string' },
    workerId: nullableString,
    state: { enum: ['activatable', 'locked', 'incident'] },
    locked: { type: 'boolean', description: 'Locked under a lock that has not run out' },
    lockExpirationTime: { type: ['string', 'null'], format: 'date-time' },
    retries: { type: 'integer' },
    errorMessage: nullableString,
    dueDate: { type: 'string', format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
    processInstanceId: { type: 'string' },
    processDefinitionKey: { type: 'string' },
    processDefinitionId: { type: 'string' },
    businessKey: nullableString,
    activityId: { type: 'string' },
  },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    topicName: name,
    workerId,
    locked: { type: 'boolean' },
    processInstanceId: name,
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    after: { ...name, description: 'The x-next-cursor header of the previous page' },
  },
} as const;

export const completeBody = {
  type: 'object',
  required: ['workerId'],
  additionalProperties: false,
  properties: { workerId, variables: variablesSchema },
} as const;

export const failureBody = {
  type: 'object',
  required: ['workerId', 'retries'],
  additionalProperties: false,
  properties: {
    workerId,
    errorMessage: { type: 'string', maxLength: 4000 },
    errorDetails: { type: 'string', maxLength: 100_000, description: 'A stack trace or longer explanation, kept with the incident (`details`) when no retries are left' },
    retries: { type: 'integer', minimum: 0, maximum: 1000, description: 'Retries left; 0 raises an incident' },
    retryTimeout: { ...duration, minimum: 0, description: 'Wait before the task may be fetched again (ms)' },
  },
} as const;

export const bpmnErrorBody = {
  type: 'object',
  required: ['workerId', 'errorCode'],
  additionalProperties: false,
  properties: { workerId, errorCode: name, errorMessage: { type: 'string', maxLength: 4000 }, variables: variablesSchema },
} as const;

export const extendLockBody = {
  type: 'object',
  required: ['workerId', 'newDuration'],
  additionalProperties: false,
  properties: { workerId, newDuration: { ...duration, description: 'The lock runs out this many ms from now' } },
} as const;

export const lockExtendedSchema = {
  type: 'object',
  required: ['id', 'lockExpirationTime'],
  properties: { id: { type: 'string' }, lockExpirationTime: { type: 'string', format: 'date-time' } },
} as const;
