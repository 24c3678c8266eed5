/**
 * Remembers @neo4j/graphql's translation of a read request into Cypher. Its generated list,
 * connection and fulltext resolvers rebuild a query AST and print the Cypher on every request,
 * about a fifth of the server's CPU per nested list (bench/api/time-translation.ts); a frontend
 * sends the same few requests over and over. @neo4j/graphql has no option for this, so the
 * cache wraps `translateRead` in its CommonJS module, which those resolvers look up on every call.
 *
 * What a translation reads (checked against @neo4j/graphql 7.6's translate/ folder): the resolve
 * tree (the field, its arguments and the selection below it), the entity, the variable name, the
 * JWT and authentication state (authorization filters and `$jwt` in @cypher fields), the Neo4j
 * version, and the schema model and features, which are fixed per entity object. The key holds
 * all of them; anything that cannot be written exactly as a key (a BigInt, a Map, a function, a
 * very large tree) is translated afresh. Translations that throw are not remembered.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

interface TranslateArgs {
  context: {
    resolveTree?: unknown;
    authorization?: { jwt?: unknown; isAuthenticated?: boolean };
    neo4jDatabaseInfo?: { version?: unknown };
  };
  entityAdapter: object;
  varName?: string;
}

type Translation = { cypher: string; params: Record<string, unknown> };
type Translate = (args: TranslateArgs) => Translation;

/** Translations remembered per entity (per generated query field); the oldest is forgotten first. */
export const MAX_TRANSLATIONS_PER_ENTITY = 256;
/** A longer key (a huge selection or argument) is translated every time rather than stored. */
export const MAX_KEY_CHARS = 16_384;

/**
 * The @neo4j/graphql minor versions whose translate/ folder was read to write the key above. A
 * newer version may read more of the context than the key holds, so it runs without the cache
 * until someone reads it again and adds it here.
 */
export const VERIFIED_LIBRARY_VERSIONS = /^7\.6\.\d+$/;

const INSTALLED = Symbol.for('entente.translationCache');

/** The package's dist/ folder; the package exports only its index, so files are reached by path. */
function libraryDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('@neo4j/graphql'));
}

/** The installed @neo4j/graphql version (its package.json is not exported either). */
export function installedLibraryVersion(): string {
  const require = createRequire(import.meta.url);
  return (require(path.join(libraryDir(), '..', 'package.json')) as { version: string }).version;
}

/** The module the generated resolvers call. */
function translateModule(): { translateRead: Translate & { [INSTALLED]?: TranslationCache } } {
  return createRequire(import.meta.url)(path.join(libraryDir(), 'translate', 'translate-read.js'));
}

export class TranslationCache {
  private readonly byEntity = new WeakMap<object, Map<string, Translation>>();
  hits = 0;
  misses = 0;

  constructor(private readonly translate: Translate) {}

  run(args: TranslateArgs): Translation {
    const key = cacheKey(args);
    if (key === undefined) return this.translate(args);
    let entries = this.byEntity.get(args.entityAdapter);
    if (entries === undefined) {
      entries = new Map();
      this.byEntity.set(args.entityAdapter, entries);
    }
    const known = entries.get(key);
    if (known !== undefined) {
      this.hits += 1;
      // Callers get their own parameter object; the values inside are never changed by @neo4j/graphql or the driver.
      return { cypher: known.cypher, params: { ...known.params } };
    }
    this.misses += 1;
    const translation = this.translate(args);
    if (entries.size >= MAX_TRANSLATIONS_PER_ENTITY) entries.delete(entries.keys().next().value!);
    entries.set(key, { cypher: translation.cypher, params: { ...translation.params } });
    return translation;
  }
}

/**
 * Installs the cache once per process (the module is shared by every schema it builds) and
 * returns it; undefined for a library version not in VERIFIED_LIBRARY_VERSIONS or one with no
 * `translateRead` where 7.6 keeps it, so an upgrade costs speed, never answers.
 */
export function installTranslationCache(version = installedLibraryVersion()): TranslationCache | undefined {
  if (!VERIFIED_LIBRARY_VERSIONS.test(version)) return undefined;
  let module: ReturnType<typeof translateModule>;
  try {
    module = translateModule();
  } catch {
    return undefined;
  }
  const current = module.translateRead;
  if (typeof current !== 'function') return undefined;
  if (current[INSTALLED] !== undefined) return current[INSTALLED];
  const cache = new TranslationCache(current);
  const cached = Object.assign((args: TranslateArgs) => cache.run(args), { [INSTALLED]: cache });
  module.translateRead = cached;
  return cache;
}

class Uncacheable extends Error {}

/** Marks an absent value: GraphQL input field names cannot be a NUL, so no argument collides with it. */
const UNDEFINED = { '\u0000': 'undefined' };

function cacheKey({ context, varName }: TranslateArgs): string | undefined {
  try {
    const key = JSON.stringify(
      [varName ?? null, context.neo4jDatabaseInfo?.version ?? null, context.authorization?.isAuthenticated ?? null, context.authorization?.jwt ?? null, context.resolveTree],
      (_name, value: unknown) => {
        if (value === undefined) return UNDEFINED;
        if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') throw new Uncacheable();
        if (value instanceof Map || value instanceof Set) throw new Uncacheable();
        return value;
      },
    );
    return key.length > MAX_KEY_CHARS ? undefined : key;
  } catch {
    return undefined;
  }
}
