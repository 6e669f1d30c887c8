import type { CommonResult } from "./CommonResult";

/**
 * What `getX` resolves to and `getXOutput` holds: the lookup's outputs, the common outputs, and every other
 * argument echoed (absent when not given). Types only.
 */
export type FunctionResult<A, R> = R & CommonResult & Readonly<Omit<A, keyof R | keyof CommonResult>>;
