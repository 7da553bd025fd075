/** Operations by position in the table (levels.ts), for arrays with a slot per operation. */
import { OPERATIONS, type Operation } from '../levels';

export const OPERATION_COUNT = OPERATIONS.length;

const INDEX = Object.fromEntries(OPERATIONS.map((operation, index) => [operation, index])) as Readonly<Record<Operation, number>>;

export function operationIndex(operation: Operation): number {
  return INDEX[operation];
}
