/** A trie over word tokens: the name tables (legal forms, titles) are matched a token at a time. */
export interface TokenTrieNode<N> {
  next: Map<string, N>;
}

/**
 * Walk `tokens` down from `root`, creating missing nodes, and return the last node. A token's alternative
 * spellings become extra edges to the same child, so matching needs no per-token spelling lookup.
 */
export function trieInsert<N extends TokenTrieNode<N>>(
  root: N,
  tokens: readonly string[],
  create: () => N,
  alternatives: (token: string) => readonly string[] = () => [],
): N {
  let node = root;
  for (const token of tokens) {
    let child = node.next.get(token);
    if (!child) {
      child = create();
      node.next.set(token, child);
      for (const alternative of alternatives(token)) node.next.set(alternative, child);
    }
    node = child;
  }
  return node;
}
