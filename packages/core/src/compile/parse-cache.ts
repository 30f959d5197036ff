import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { TARGET_PATH_HINT, writeFileAtomic } from '../fs/atomic-write';
import type { RenderCapture } from '../templating/render-capture';

/** Bump when the cache layout or rendering semantics change: old caches are then ignored. */
const CACHE_FORMAT = 5;
export const PARSE_CACHE_FILE = 'tsmodel_parse_cache.json';

export interface CachedRender {
  /** sha256 of the file text plus the config it was rendered with. */
  key: string;
  sql: string;
  capture: RenderCapture;
}

/** Everything outside a file that a cached render may have read. */
export interface CacheInputs {
  /** tsmodel version + adapter type: dispatch and built-in macros depend on them. */
  global: string;
  /** Current JSON value of a var (null when unset), for the vars a render read. */
  varValue(name: string, packageName: string): string | null;
  envValue(name: string): string | null;
  /** Qualified macro name → checksum of its file. */
  macroChecksums: Record<string, string>;
  targetFingerprint: string;
}

interface CacheFile {
  format: number;
  global: string;
  targetFingerprint: string;
  macroChecksums: Record<string, string>;
  macroNames: string;
  entries: Record<string, CachedRender & { packageName: string }>;
}

/**
 * Rendered templates from the last compile, keyed by file and validated by content hash plus
 * every outside input the render read (vars, env vars, macros, target). An unchanged project
 * re-compiles without rendering anything; an edit re-renders exactly the files whose inputs
 * changed. A corrupt or foreign cache file is ignored, never an error: it is only a cache.
 */
export class ParseCache {
  private readonly next: CacheFile['entries'] = {};
  hits = 0;
  misses = 0;

  private constructor(
    private readonly file: string,
    private readonly previous: CacheFile | undefined,
    private readonly inputs: CacheInputs,
  ) {}

  static async open(targetDir: string, inputs: CacheInputs, enabled: boolean): Promise<ParseCache> {
    const file = path.join(targetDir, PARSE_CACHE_FILE);
    let previous: CacheFile | undefined;
    if (enabled) {
      try {
        const parsed = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
        if (parsed.format === CACHE_FORMAT && parsed.global === inputs.global) previous = parsed;
      } catch {
        previous = undefined;
      }
    }
    return new ParseCache(file, previous, inputs);
  }

  /** The cached render for `fileId` when still valid for `key` and the current inputs. */
  get(fileId: string, key: string, packageName: string): CachedRender | undefined {
    const entry = this.previous?.entries[fileId];
    if (entry && entry.key === key && this.stillValid(entry, packageName)) {
      this.hits++;
      this.next[fileId] = entry;
      return entry;
    }
    this.misses++;
    return undefined;
  }

  put(fileId: string, packageName: string, render: CachedRender): void {
    if (render.capture.volatile) return;
    this.next[fileId] = { ...render, packageName };
  }

  /**
   * Writes the cache for the next compile; skipped when it would be identical (every file a
   * hit, none gone, same inputs), which keeps a warm compile from re-serializing megabytes.
   */
  async save(): Promise<void> {
    if (this.unchanged()) return;
    const data: CacheFile = {
      format: CACHE_FORMAT,
      global: this.inputs.global,
      targetFingerprint: this.inputs.targetFingerprint,
      macroChecksums: this.inputs.macroChecksums,
      macroNames: macroNamesKey(this.inputs.macroChecksums),
      entries: this.next,
    };
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(data), TARGET_PATH_HINT);
  }

  private unchanged(): boolean {
    const prev = this.previous;
    if (!prev || this.misses > 0) return false;
    if (Object.keys(prev.entries).length !== Object.keys(this.next).length) return false;
    return (
      prev.targetFingerprint === this.inputs.targetFingerprint &&
      prev.macroNames === macroNamesKey(this.inputs.macroChecksums) &&
      Object.entries(this.inputs.macroChecksums).every(([k, v]) => prev.macroChecksums[k] === v)
    );
  }

  private stillValid(entry: CachedRender, packageName: string): boolean {
    const prev = this.previous!;
    const c = entry.capture;
    if (c.usedTarget && prev.targetFingerprint !== this.inputs.targetFingerprint) return false;
    for (const [name, value] of Object.entries(c.vars)) {
      if (this.inputs.varValue(name, packageName) !== value) return false;
    }
    for (const [name, value] of Object.entries(c.envVars)) {
      if (this.inputs.envValue(name) !== value) return false;
    }
    if (c.macros.length > 0) {
      // A macro added or removed anywhere can change which one a bare call reaches.
      if (prev.macroNames !== macroNamesKey(this.inputs.macroChecksums)) return false;
      for (const m of c.macros)
        if (prev.macroChecksums[m] !== this.inputs.macroChecksums[m]) return false;
    }
    return true;
  }
}

function macroNamesKey(checksums: Record<string, string>): string {
  return createHash('sha256').update(Object.keys(checksums).sort().join('\n')).digest('hex');
}
