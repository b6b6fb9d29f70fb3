/** [major, path of the node binary] for this node and each cached line (bench/node-lines.mjs). */
export function nodeLines(): [string, string][];
