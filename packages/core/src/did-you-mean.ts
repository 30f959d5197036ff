import { closest, distance } from 'fastest-levenshtein';

/**
 * The closest of `candidates` to a misspelt `word`, or `undefined` when nothing is close
 * enough to be a plausible typo (more than a third of the word changed).
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates as string[]);
  const limit = Math.max(2, Math.ceil(word.length / 3));
  return distance(word, best) <= limit ? best : undefined;
}

/** `did you mean 'model-paths'?` when a candidate is close, else `undefined`. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const best = closestMatch(word, candidates);
  return best === undefined ? undefined : `did you mean '${best}'?`;
}
