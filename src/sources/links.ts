import type { Entity } from "../model/entity.ts";
import { normalizeName } from "../names/normalize.ts";

/**
 * Point each link ("Linked To: X") at the entry of the same list that bears the name X, when exactly one
 * entry does; ambiguous or unknown names stay unresolved rather than guessed. Returns how many resolved.
 */
export function resolveLinks(entities: Entity[]): { resolved: number; unresolved: number } {
  const byName = new Map<string, Set<string>>();
  for (const entity of entities) {
    for (const name of entity.names) {
      const key = normalizeName(name.full);
      const ids = byName.get(key) ?? new Set<string>();
      ids.add(entity.id);
      byName.set(key, ids);
    }
  }
  let resolved = 0;
  let unresolved = 0;
  for (const entity of entities) {
    for (const link of entity.links) {
      const ids = byName.get(normalizeName(link.name));
      const [only] = ids && ids.size === 1 ? [...ids] : [];
      if (only && only !== entity.id) {
        link.targetId = only;
        resolved++;
      } else {
        unresolved++;
      }
    }
  }
  return { resolved, unresolved };
}
