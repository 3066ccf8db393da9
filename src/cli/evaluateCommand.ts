import { usageError } from './errors.js';

/** Placeholder until the table readers land; replaced in the next commits. */
export async function evaluateCommand(..._args: unknown[]): Promise<void> {
  throw usageError('evaluate is not available yet');
}
