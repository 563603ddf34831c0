/**
 * Hands out the ids of instances, element instances, jobs, user tasks and incidents.
 * Ids must be unique across everything the engine stores. The runtime asks for them in a
 * fixed order, so a deterministic generator (a counter in tests) gives reproducible runs.
 */
export interface IdGenerator {
  next(): string;
}
