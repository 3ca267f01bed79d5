// V8's compiled code of the CommonJS packages the CLI loads (playwright-core above all: about a third
// of its 0.25 s load is compiling), kept between runs. Node 22+ does this itself
// (module.enableCompileCache); on Node 20 this does the same for files under node_modules: compile
// with the cached data when there is some that V8 accepts, else compile as usual and write the
// cache when the process exits (then it holds every function that ran, not only the top level).
// Also for the CommonJS files under the folders the launcher names (the playwright-core bundle).
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, sep } from 'node:path';
import vm from 'node:vm';

const NODE_MODULES = `${sep}node_modules${sep}`;
/** Each cache file starts with the source file's mtime and size (two float64): a changed file is compiled anew. */
const HEADER_BYTES = 16;

/**
 * The cache folder when it is ours alone (created 0700 if missing; owned by this user, writable by
 * no one else): cached code is run, so nobody else may plant it. Else undefined (no cache).
 */
function privateFolder(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = lstatSync(dir);
    const uid = process.getuid?.();
    if (!stats.isDirectory() || (uid !== undefined && stats.uid !== uid) || (stats.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** One cache file per module path (a reinstall overwrites it, so the folder does not grow with every install). */
function cacheFile(dir, filename) {
  return join(dir, `${createHash('sha1').update(`${process.version}\0${filename}`).digest('hex')}.bin`);
}

function header(filename) {
  const { mtimeMs, size } = statSync(filename);
  const bytes = Buffer.alloc(HEADER_BYTES);
  bytes.writeDoubleLE(mtimeMs, 0);
  bytes.writeDoubleLE(size, 8);
  return bytes;
}

/** The cached data stored for this version of `filename`, or undefined. */
function readCache(file, expected) {
  try {
    const stored = readFileSync(file);
    if (stored.length <= HEADER_BYTES || !stored.subarray(0, HEADER_BYTES).equals(expected)) return undefined;
    return stored.subarray(HEADER_BYTES);
  } catch {
    return undefined; // no cache yet
  }
}

/** The `require` a CommonJS module gets, as Node makes it. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Turns the cache on for this process; `dir` holds one file per module; `folders` (absolute, ending
 * in the path separator) are cached as node_modules is. Never throws.
 */
export function enableCodeCache(dir, folders = []) {
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(dir);
    return;
  }
  const compile = Module.prototype._compile;
  if (typeof compile !== 'function' || typeof vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER !== 'symbol') return;
  const folder = privateFolder(dir);
  if (!folder) return;
  const toWrite = [];
  Module.prototype._compile = function compileWithCache(content, filename, format) {
    const cached = filename.includes(NODE_MODULES) || folders.some((folder) => filename.startsWith(folder));
    if (!cached || (format !== undefined && format !== 'commonjs')) {
      return compile.call(this, content, filename, format);
    }
    let file;
    let version;
    let cachedData;
    try {
      file = cacheFile(folder, filename);
      version = header(filename);
      cachedData = readCache(file, version);
    } catch {
      file = undefined; // the file cannot be looked at: compile without a cache
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), {
        filename,
        cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      return compile.call(this, content, filename, format); // Node's own compile reports the error
    }
    if (file && (!cachedData || script.cachedDataRejected)) toWrite.push({ file, version, script });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    try {
      for (const { file, version, script } of toWrite) {
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, Buffer.concat([version, script.createCachedData()]), { mode: 0o600 });
        renameSync(temporary, file);
      }
    } catch {
      // a cache is an optimisation: a read-only disk only costs the next start its compile time
    }
  });
}
