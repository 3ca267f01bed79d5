import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file (not the working directory), so synth works from any
 * folder and from the test runner alike.
 */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
