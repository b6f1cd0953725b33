/**
 * Internal: the known name a mistyped key most likely meant, for "did you mean …?" hints.
 *
 * @module
 */

/** A name without case, `_` or `-`: `base_lr`, `BaseLR` and `baseLr` all read `baselr`. */
function folded(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, "");
}

/** Edit distance with transpositions (optimal string alignment), stopping early past `most`. */
function distance(a: string, b: string, most: number): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > most) return most + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The known name closest to `key`: one that differs only in case, `_` or `-` (PyTorch's
 * `base_lr` for `baseLr`, `T_0` for `t0`), else the nearest within two edits (and within a
 * third of the name's length), else `undefined`.
 *
 * @param key The unknown key.
 * @param names The known names, in order (ties go to the first).
 * @returns The name to suggest, if any.
 */
export function nearestName(key: string, names: readonly string[]): string | undefined {
  const k = folded(key);
  const same = names.find((n) => folded(n) === k);
  if (same !== undefined) return same;
  const most = Math.min(2, Math.floor(k.length / 3));
  let best: string | undefined;
  let bestDistance = most + 1;
  for (const n of names) {
    const d = distance(k, folded(n), most);
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}
