/**
 * The known names closest to a mistyped one (`Comitment`, `commitment` -> `Commitment`): the same
 * name in another case, else those fewest edits away (within a few). Empty when nothing is close.
 */
export function closestNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  const target = word.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 3));
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    const lower = name.toLowerCase();
    const distance = lower === target ? 0 : lower.startsWith(target) || target.startsWith(lower) ? 1 : editDistance(target, lower);
    if (distance <= limit) scored.push({ name, distance });
  }
  // Only the closest: a name one edit away makes one three edits away noise.
  const best = Math.min(...scored.map((s) => s.distance));
  return scored
    .filter((s) => s.distance === best)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, max)
    .map((s) => s.name);
}

/** "Did you mean X?" (or "X or Y?"), or undefined when no name is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const names = closestNames(word, candidates);
  if (names.length === 0) return undefined;
  return `Did you mean ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}
