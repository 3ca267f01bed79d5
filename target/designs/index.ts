import { DESIGN_A } from './design-a';
import { DESIGN_B } from './design-b';
import { DESIGN_C } from './design-c';
import { DESIGN_D } from './design-d';
import { DESIGN_NAMES, type DesignName, type PageDesign } from './types';

export { DESIGN_NAMES } from './types';
export type { CheckName, CheckSetup, DesignContract, DesignName, DesignPaths, LinkBehaviour, PageDesign } from './types';

/** Every page design by name; `a` is autocrm's own page and the default. */
export const DESIGNS: Readonly<Record<DesignName, PageDesign>> = { a: DESIGN_A, b: DESIGN_B, c: DESIGN_C, d: DESIGN_D };

export const DEFAULT_DESIGN: DesignName = 'a';

/** A design name the target does not know. The message lists the known ones. */
export class DesignError extends Error {
  override readonly name = 'DesignError';
}

/** The design called `name` (any case), or a DesignError that lists the known names. */
export function parseDesign(name: string): DesignName {
  const wanted = name.trim().toLowerCase();
  const found = DESIGN_NAMES.find((candidate) => candidate === wanted);
  if (!found) {
    throw new DesignError(`unknown design "${name}"; known designs: ${DESIGN_NAMES.join(', ')} (a is the default).`);
  }
  return found;
}
