import type { ElementTransformer } from './element-transformer.js';

/** Exclusive gateway: the first flow whose condition holds, else the default. */
export const transformExclusiveGateway: ElementTransformer<'exclusive-gateway'> = (_node, base) => base;

/** Parallel gateway: forks to all outgoing flows; joins when every incoming flow has a token. */
export const transformParallelGateway: ElementTransformer<'parallel-gateway'> = (_node, base) => ({
  ...base,
  isJoin: base.incoming.length > 1,
});

/** Inclusive gateway: `joinReach` is filled in once the whole process is known (see join-reach.ts). */
export const transformInclusiveGateway: ElementTransformer<'inclusive-gateway'> = (_node, base) => ({
  ...base,
  isJoin: base.incoming.length > 1,
  joinReach: {},
});
