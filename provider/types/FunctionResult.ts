import type { CommonResult } from "./CommonResult";

/**
 * What `getX` resolves to and `getXOutput` holds: the lookup's outputs, the common outputs, and every other
 * argument echoed (with its default when left out; absent when left out and it has none). Types only.
 */
export type FunctionResult<A, R> = R & CommonResult & Readonly<Omit<A, keyof R | keyof CommonResult>>;
