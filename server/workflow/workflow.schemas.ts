/** Shapes of the workflow API (the REST contract of DESIGN.md plus what Camunda users expect). */
const nullableString = { type: ['string', 'null'] } as const;
export const errorReply = { $ref: 'ErrorReply#' } as const;
export const variablesSchema = { type: 'object', additionalProperties: true, description: 'Process variables: a JSON object' } as const;

export const instanceSchema = {
  type: 'object',
  required: ['id', 'state'],
  properties: {
    id: { type: 'string' },
    state: { enum: ['active', 'completed', 'terminated', 'incident'] },
    processDefinitionId: { type: 'string' },
    processDefinitionKey: { type: 'string' },
    businessKey: nullableString,
    parentInstanceId: nullableString,
    startTime: { type: 'string', format: 'date-time' },
    endTime: { type: ['string', 'null'], format: 'date-time' },
    version: { type: 'integer' },
  },
} as const;

export const instanceDetailSchema = {
  ...instanceSchema,
  properties: {
    ...instanceSchema.properties,
    variables: variablesSchema,
    activeElements: { type: 'array', items: { type: 'object', properties: { elementId: { type: 'string' }, elementInstanceId: { type: 'string' }, kind: { type: 'string' } } } },
    incidents: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, elementId: { type: 'string' }, errorType: { type: 'string' }, message: { type: 'string' }, createdAt: { type: 'string' } } },
    },
  },
} as const;

export const taskSchema = {
  type: 'object',
  required: ['id', 'taskDefinitionKey', 'processInstanceId'],
  properties: {
    id: { type: 'string' },
    taskDefinitionKey: { type: 'string' },
    name: nullableString,
    processInstanceId: { type: 'string' },
    processDefinitionKey: { type: 'string' },
    processDefinitionId: { type: 'string' },
    businessKey: nullableString,
    assignee: nullableString,
    candidateGroups: { type: 'array', items: { type: 'string' } },
    candidateUsers: { type: 'array', items: { type: 'string' } },
    dueDate: nullableString,
    followUpDate: nullableString,
    priority: { type: 'integer' },
    formKey: nullableString,
    state: { type: 'string' },
    createdAt: { type: 'string' },
    endedAt: nullableString,
  },
} as const;

export const activityInstanceSchema = {
  type: 'object',
  required: ['activityId', 'activityType', 'startTime', 'endTime'],
  properties: {
    id: { type: 'string' },
    processInstanceId: { type: 'string' },
    activityId: { type: 'string' },
    activityType: { type: 'string' },
    state: { type: 'string' },
    loopCounter: { type: ['integer', 'null'] },
    startTime: { type: 'string' },
    endTime: nullableString,
    calledProcessInstanceId: { type: 'string' },
  },
} as const;

export const definitionSchema = {
  type: 'object',
  required: ['id', 'key', 'version'],
  properties: {
    id: { type: 'string' },
    key: { type: 'string' },
    version: { type: 'integer' },
    name: nullableString,
    versionTag: nullableString,
    deploymentId: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;

export const keyParams = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'string', minLength: 1, maxLength: 200 } } }) as const;
