import { usageError } from './errors.js';

/** Placeholder until the table readers land; replaced in the next commits. */
export async function trainCommand(..._args: unknown[]): Promise<void> {
  throw usageError('train is not available yet');
}
