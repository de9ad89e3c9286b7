// When to colour: --color=auto|always|never (--color alone: always; --no-color: never), else the
// environment: FORCE_COLOR as chalk reads it (0 or false: never; 1, 2, 3, true or empty: always),
// NO_COLOR only when set and not empty (no-color.org), else whether the stream is a terminal.
import { UsageError } from './values.js';

export type ColourMode = 'auto' | 'always' | 'never';
export const COLOUR_MODES: readonly ColourMode[] = ['auto', 'always', 'never'];

/** The --color option as commander gives it: undefined, true (--color), false (--no-color) or its value. */
export function colourModeFrom(value: string | boolean | undefined): ColourMode {
  if (value === undefined) return 'auto';
  if (value === true) return 'always';
  if (value === false) return 'never';
  if ((COLOUR_MODES as readonly string[]).includes(value)) return value as ColourMode;
  throw new UsageError(`--color=${value}: give auto, always or never`);
}

/** FORCE_COLOR as chalk reads it: true (colour), false (none), null (not set). */
function forced(env: NodeJS.ProcessEnv): boolean | null {
  if (!('FORCE_COLOR' in env)) return null;
  const value = env['FORCE_COLOR'] ?? '';
  if (value === 'true' || value === '') return true;
  if (value === 'false') return false;
  return Math.min(Number.parseInt(value, 10), 3) > 0;
}

/** Whether to colour a stream. */
export function colourFor(mode: ColourMode, isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (mode !== 'auto') return mode === 'always';
  const force = forced(env);
  if (force !== null) return force;
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  return isTTY;
}
