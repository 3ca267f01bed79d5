/**
 * Check before probing: every file a command will read and every file or folder it will write is
 * checked before a browser starts or anything is written, so a mistyped path costs one clear line
 * (exit 2), not a probe round followed by a crash and a stray temporary file.
 */
import { accessSync, constants, mkdirSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './args';
import { unreadableMessage } from './config-file';

/**
 * A path the command cannot use: printed as one line without the usage hint, exit code 2.
 * The message names the path, the option and what is wrong with it.
 */
export class PathError extends UsageError {}

/** A path and the option (or role) that named it: `--junit`, `report folder`. */
export interface NamedPath {
  readonly option: string;
  readonly path: string;
}

/** What a command writes: files (`--junit`, `--json FILE`) and folders (`--out`, the report folder). */
export interface WritePlan {
  readonly files?: readonly (NamedPath & { readonly example: string })[];
  readonly folders?: readonly NamedPath[];
}

/** Deepest a path is walked up to its nearest existing folder; any real path is far shorter. */
const MAX_PATH_DEPTH = 256;

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a folder can really be made in `folder`: made and removed at once, so nothing stays. The
 * permission bits alone do not tell (root may "write" in /proc, where mkdir then fails, and Node's
 * recursive mkdir retries such a folder for ever); returns the error code, or undefined when it can.
 */
function folderCreationError(folder: string): string | undefined {
  const probe = join(folder, `.autocrm-synthetics-write-check-${process.pid}`);
  try {
    mkdirSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EEXIST' ? undefined : (code ?? 'unknown error');
  }
  rmdirSync(probe);
  return undefined;
}

/** A file the command reads (`--config`, `--baseline`, `--event`): it exists, is a file and is readable. */
export function checkReadableFile({ option, path }: NamedPath): void {
  let stat: Stats;
  try {
    stat = statSync(path);
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw new PathError(`${unreadableMessage(path, (error as NodeJS.ErrnoException).code)} (${option})`);
  }
  if (stat.isDirectory()) throw new PathError(`${unreadableMessage(path, 'EISDIR')} (${option})`);
}

/** Whether `path` exists (any kind); the caller decides what a missing file means. */
export function pathExists(path: string): boolean {
  return statOf(path) !== undefined;
}

/**
 * Checks every path of `plan`: an existing file must be a writable file (not a folder), an existing
 * folder a writable folder (not a file), and a path that does not exist yet must be creatable: its
 * nearest existing ancestor is a writable folder. Two options naming the same file are refused.
 */
export function checkWritePlan(plan: WritePlan): void {
  const seen = new Map<string, string>();
  for (const { option, path } of [...(plan.files ?? []), ...(plan.folders ?? [])]) {
    const key = resolve(path);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new PathError(`cannot write ${path}: ${earlier} and ${option} both name it; give each its own path`);
    seen.set(key, option);
  }
  for (const file of plan.files ?? []) checkWritableFile(file);
  for (const folder of plan.folders ?? []) checkWritableFolder(folder);
}

function checkWritableFile({ option, path, example }: NamedPath & { readonly example: string }): void {
  const stat = statOf(path);
  if (stat?.isDirectory()) {
    throw new PathError(`cannot write ${option} ${path}: it is a folder; name a file in it, e.g. ${option} ${join(path, example)}`);
  }
  if (stat && !writable(path)) throw new PathError(`cannot write ${option} ${path}: permission denied`);
  if (!stat) checkCreatable({ option, path });
}

function checkWritableFolder({ option, path }: NamedPath): void {
  const stat = statOf(path);
  if (stat && !stat.isDirectory()) throw new PathError(`cannot write ${option} ${path}: it is a file, not a folder; name a folder`);
  if (stat && !writable(path)) throw new PathError(`cannot write ${option} ${path}: permission denied`);
  const failed = stat ? folderCreationError(path) : undefined;
  if (failed !== undefined) throw new PathError(`cannot write ${option} ${path}: nothing can be made in it (${failed})`);
  if (!stat) checkCreatable({ option, path });
}

/** A path that does not exist yet: its nearest existing ancestor must be a folder we may write in. */
function checkCreatable({ option, path }: NamedPath): void {
  let ancestor = dirname(resolve(path));
  for (let depth = 0; depth < MAX_PATH_DEPTH && !statOf(ancestor); depth += 1) ancestor = dirname(ancestor);
  const stat = statOf(ancestor);
  if (!stat) throw new PathError(`cannot write ${option} ${path}: none of its parent folders exists`);
  if (!stat.isDirectory()) throw new PathError(`cannot write ${option} ${path}: ${ancestor} is a file, not a folder`);
  if (!writable(ancestor)) throw new PathError(`cannot write ${option} ${path}: permission denied in ${ancestor}`);
  const failed = folderCreationError(ancestor);
  if (failed !== undefined) throw new PathError(`cannot write ${option} ${path}: nothing can be made in ${ancestor} (${failed})`);
}
