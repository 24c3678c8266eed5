import { describe, expect, it } from 'vitest';
import { MAX_KEY_CHARS, MAX_TRANSLATIONS_PER_ENTITY, TranslationCache, VERIFIED_LIBRARY_VERSIONS, installTranslationCache, installedLibraryVersion } from '../../../../src/server/schema/translation-cache.ts';

/** A stand-in for translateRead whose every translation is numbered, so any wrong reuse shows. */
function recordingCache() {
  const calls: unknown[] = [];
  const cache = new TranslationCache((args) => {
    calls.push(args);
    return { cypher: `translation ${calls.length}`, params: { param0: calls.length } };
  });
  return { cache, calls };
}

const entity = {};
const tree = (args: Record<string, unknown>, alias = 'commitments') => ({ name: 'commitments', alias, args, fieldsByTypeName: { Commitment: { id: { name: 'id', alias: 'id', args: {}, fieldsByTypeName: {} } } } });
const request = (resolveTree: unknown, authorization: { jwt?: unknown; isAuthenticated?: boolean } = { isAuthenticated: false }, entityAdapter: object = entity) => ({
  context: { resolveTree, authorization, neo4jDatabaseInfo: { version: '5.26.0' } },
  entityAdapter,
  varName: 'this',
});

describe('the translation cache', () => {
  it('translates a request once, then answers the same request from memory', () => {
    const { cache, calls } = recordingCache();
    const first = cache.run(request(tree({ limit: 10 })));
    const second = cache.run(request(tree({ limit: 10 })));
    expect(calls).toHaveLength(1);
    expect(second).toEqual(first);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it('never serves one request the translation of another', () => {
    const { cache, calls } = recordingCache();
    const variants = [
      request(tree({ limit: 10 })),
      request(tree({ limit: 11 })),
      request(tree({ limit: 10 }, 'renamed')),
      request(tree({ limit: 10, where: undefined })),
      request(tree({ limit: 10, where: null })),
      request(tree({ limit: 10, where: { id: { eq: 'FR' } } })),
      request(tree({ limit: 10, where: { id: { eq: 'BE' } } })),
      request(tree({ limit: 10 }), { isAuthenticated: true }),
      request(tree({ limit: 10 }), { isAuthenticated: true, jwt: { sub: 'alice' } }),
      request(tree({ limit: 10 }), { isAuthenticated: true, jwt: { sub: 'bob' } }),
      request(tree({ limit: 10 }), undefined, {}),
      { ...request(tree({ limit: 10 })), varName: undefined },
    ];
    const first = variants.map((variant) => cache.run(variant).cypher);
    expect(calls).toHaveLength(variants.length);
    expect(new Set(first).size).toBe(variants.length);
    // Asked again, each gets its own translation back.
    expect(variants.map((variant) => cache.run(variant).cypher)).toEqual(first);
    expect(calls).toHaveLength(variants.length);
  });

  it('hands out parameters a caller may change without changing the next answer', () => {
    const { cache } = recordingCache();
    const first = cache.run(request(tree({ limit: 10 })));
    first.params['param0'] = 'changed';
    first.params['extra'] = true;
    expect(cache.run(request(tree({ limit: 10 }))).params).toEqual({ param0: 1 });
  });

  it('translates afresh what it cannot key exactly, and does not remember failures', () => {
    const { cache, calls } = recordingCache();
    cache.run(request(tree({ limit: 10n })));
    cache.run(request(tree({ limit: 10n })));
    cache.run(request(tree({ text: 'x'.repeat(MAX_KEY_CHARS) })));
    cache.run(request(tree({ text: 'x'.repeat(MAX_KEY_CHARS) })));
    expect(calls).toHaveLength(4);
    let fail = true;
    const failing = new TranslationCache(() => {
      if (fail) throw new Error('bad cursor');
      return { cypher: 'RETURN 1', params: {} };
    });
    expect(() => failing.run(request(tree({})))).toThrow('bad cursor');
    fail = false;
    expect(failing.run(request(tree({}))).cypher).toBe('RETURN 1');
  });

  it('keeps at most MAX_TRANSLATIONS_PER_ENTITY translations per entity, forgetting the oldest', () => {
    const { cache, calls } = recordingCache();
    for (let i = 0; i <= MAX_TRANSLATIONS_PER_ENTITY; i += 1) cache.run(request(tree({ limit: i })));
    cache.run(request(tree({ limit: MAX_TRANSLATIONS_PER_ENTITY })));
    expect(calls).toHaveLength(MAX_TRANSLATIONS_PER_ENTITY + 1);
    cache.run(request(tree({ limit: 0 })));
    expect(calls).toHaveLength(MAX_TRANSLATIONS_PER_ENTITY + 2);
  });

  it('finds translateRead where this @neo4j/graphql keeps it, and installs once', () => {
    // An upgrade that moves it would silently lose the speed: this test says so instead.
    const cache = installTranslationCache();
    expect(cache).toBeInstanceOf(TranslationCache);
    expect(installTranslationCache()).toBe(cache);
  });

  it('stays off for a library version nobody has checked the key against', () => {
    expect(installTranslationCache('7.7.0')).toBeUndefined();
    expect(installTranslationCache('8.0.0')).toBeUndefined();
  });

  it('is on for the installed version: an upgrade fails here until its translate/ folder is read again', () => {
    // If this fails after an upgrade: check what translateRead reads against cacheKey, then widen
    // VERIFIED_LIBRARY_VERSIONS.
    expect(installedLibraryVersion()).toMatch(VERIFIED_LIBRARY_VERSIONS);
  });
});
