/**
 * The shapes of the workflow API (`server/workflow/*.routes.ts`, `workflow.schemas.ts`):
 * tasks, process definitions and instances, history, incidents, deployments.
 */

/** Process variables: any JSON object. */
export type Variables = Record<string, unknown>;

/** An open user task: `GET /api/tasks`, `GET /api/tasks/:id`, claim / unclaim / assign. */
export interface Task {
  id: string;
  taskDefinitionKey: string;
  name: string | null;
  processInstanceId: string;
  processDefinitionKey: string;
  processDefinitionId?: string;
  businessKey: string | null;
  /** A user id (or e-mail, as a model may name either); null when unassigned. */
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  formKey: string | null;
  state: string;
  createdAt: string;
  endedAt?: string | null;
}

export interface TaskFilter {
  processInstanceId?: string;
  assignee?: string;
  candidateGroup?: string;
  candidateUser?: string;
  limit?: number;
}

export type InstanceState = 'active' | 'completed' | 'terminated' | 'incident';
export const INSTANCE_STATES: readonly InstanceState[] = ['active', 'completed', 'terminated', 'incident'];

/** A row of `GET /api/process-instances`; also what start / cancel / resolve return (at least id and state). */
export interface ProcessInstance {
  id: string;
  state: InstanceState;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  businessKey?: string | null;
  parentInstanceId?: string | null;
  startTime?: string;
  endTime?: string | null;
  version?: number;
}

export interface ActiveElement {
  elementId: string;
  elementInstanceId: string;
  kind: string;
}

export interface InstanceIncident {
  id: string;
  elementId: string;
  errorType: string;
  message: string;
  createdAt: string;
}

/** `GET /api/process-instances/:id`. */
export interface ProcessInstanceDetail extends ProcessInstance {
  variables: Variables;
  activeElements: ActiveElement[];
  incidents: InstanceIncident[];
}

export interface InstanceFilter {
  processDefinitionKey?: string;
  businessKey?: string;
  state?: InstanceState;
  limit?: number;
  /** The `x-next-cursor` of the previous page. */
  after?: string;
}

/** One page of instances; `nextCursor` is null on the last page. */
export interface InstancePage {
  items: ProcessInstance[];
  nextCursor: string | null;
}

/** A row of `GET /api/history/activity-instances`, in start order. */
export interface ActivityInstance {
  id?: string;
  activityId: string;
  activityType: string;
  state?: string;
  loopCounter?: number | null;
  startTime: string;
  endTime: string | null;
  calledProcessInstanceId?: string;
}

/** A row of `GET /api/incidents`. */
export interface Incident {
  id: string;
  processInstanceId: string;
  elementId: string;
  errorType: string;
  message: string;
  jobKey: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

/** A row of `GET /api/process-definitions`. */
export interface ProcessDefinition {
  id: string;
  key: string;
  version: number;
  name?: string | null;
  versionTag?: string | null;
  deploymentId?: string;
  createdAt?: string;
}

export interface DefinitionXml {
  id: string;
  xml: string;
}

export interface DeploymentInput {
  name: string;
  resources: Array<{ name: string; xml: string }>;
}

/** `POST /api/deployments` → 201. */
export interface Deployment {
  id: string;
  processDefinitions: ProcessDefinition[];
}

/** One entry of the 400 `ENG_ERR_DEPLOYMENT_INVALID` body's `problems`. */
export interface DeploymentProblem {
  elementId: string | null;
  message: string;
  resource?: string;
}

export interface StartInstanceInput {
  variables?: Variables;
  businessKey?: string | null;
}
