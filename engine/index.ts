/**
 * Funnelflow's BPMN engine: the only import path for code outside `engine/`.
 *
 * - parse: `parseBpmn(xml)` → frozen executable definitions or every problem.
 * - run: `processCommand(context, state, command)` → new state + events (pure, synchronous).
 * - read: views over a state (tasks, jobs, variables, incidents) and history from events.
 * - drive: job execution helpers and the in-memory engine (tests, benchmark).
 */

// Model
export type * from './model/index.js';
export { isActivity, RULES_JOB_TYPE, RULES_HEADER_RULE_SET, RULES_HEADER_RESULT_VARIABLE, DEFAULT_JOB_RETRIES, DEFAULT_USER_TASK_PRIORITY } from './model/index.js';

// Parse
export { parseBpmn, type ParseOptions } from './parse/parse-bpmn.js';
export type { ParseProblem, ParseResult } from './parse/parse-problem.js';
export { ffModdleDescriptor } from './parse/bpmn-reader.js';

// Runtime
export { processCommand, type CommandApplied, type CommandResult } from './runtime/process-command.js';
export type { Command, CommandOf, CommandPayloads, CommandType } from './runtime/commands.js';
export type { EngineEvent, EngineEventOf, EventPayload, EventPayloads, EventType } from './runtime/events.js';
export type { RuntimeContext } from './runtime/runtime-context.js';
export { applyEvent, replayEvents } from './runtime/appliers/index.js';
export {
  activeElements,
  currentStages,
  jobVariables,
  openIncidents,
  openJobs,
  openUserTasks,
  rootVariables,
  type IncidentView,
  type JobView,
  type UserTaskView,
} from './runtime/views.js';
export { activityHistoryChange, deriveActivityInstances, type ActivityHistoryChange, type ActivityInstanceRecord } from './runtime/history.js';

// State
export type * from './state/instance-state.js';
export { toJsonValue, isJsonObject, type JsonObject, type JsonValue } from './state/json-value.js';

// Ports
export type { ExpressionLanguage, CompiledExpression, ExpressionResult, VariableContext } from './ports/expression-language.js';
export { ExpressionSyntaxError } from './ports/expression-language.js';
export type { IdGenerator } from './ports/id-generator.js';
export type { RuleEvaluator } from './ports/rule-evaluator.js';
export type { DeployedProcess, ProcessBinding, ProcessLookup } from './ports/process-lookup.js';
export { feelLanguage } from './expressions/feel-language.js';

// Errors
export { ENGINE_ERRORS, reject, type EngineErrorCode, type Rejection } from './errors/codes.js';
export { BpmnError, isBpmnError } from './errors/bpmn-error.js';

// Driver helpers (shared by the in-memory engine and the PostgreSQL shell)
export type { JobContext, JobHandler, JobHandlerResult } from './driver/job-handler.js';
export { executeJob, type ExecuteJobOptions } from './driver/execute-job.js';
export { rulesJobHandler } from './driver/rules-job-handler.js';
export { followUpOf, type FollowUp } from './driver/follow-ups.js';

// In-memory engine
export { createMemoryEngine, type MemoryEngine, type MemoryEngineOptions, type DeployResult, type EngineCallResult } from './memory-engine/memory-engine.js';
export { ProcessRegistry, type DeployedDefinition } from './memory-engine/process-registry.js';
export { sequentialIds } from './memory-engine/sequential-ids.js';

// PostgreSQL shell (kysely over pg or PGlite)
export { createPostgresEngine, type PostgresEngine, type PostgresEngineOptions, type InstanceOutcome } from './postgres-engine/postgres-engine.js';
export { engineMigrations } from './postgres-engine/migrations/index.js';
export type { EngineTables } from './postgres-engine/tables.js';
export type { DeploymentOutcome, DeploymentRequest } from './postgres-engine/definition-store.js';
export type { TaskDto } from './postgres-engine/queries.js';
export type { ExternalTaskFilter, ExternalTasks, FetchAndLockRequest, LockedTask, TopicRequest } from './postgres-engine/external-tasks.js';
