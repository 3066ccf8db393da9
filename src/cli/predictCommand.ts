import { usageError } from './errors.js';

/** Placeholder until the table readers land; replaced in the next commits. */
export async function predictCommand(..._args: unknown[]): Promise<void> {
  throw usageError('predict is not available yet');
}
