import type { ServiceMapEdge, ServiceMapNode } from '../../../../src/contract/console-api.js';

export interface PlacedNode {
  readonly node: ServiceMapNode;
  readonly x: number;
  readonly y: number;
  readonly layer: number;
}

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 54;
const LAYER_GAP = 430;
const ROW_GAP = 110;

/**
 * Callers left of callees: each node's layer is its longest call chain from a node nobody
 * calls (a cycle is cut where it is met), then nodes stack vertically within their layer.
 */
export function layoutServiceMap(
  nodes: readonly ServiceMapNode[],
  edges: readonly ServiceMapEdge[],
): { placed: PlacedNode[]; width: number; height: number } {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const layer = new Map<string, number>(nodes.map((n) => [n.service, 0]));
  const called = new Set(edges.filter((e) => e.source !== e.target).map((e) => e.target));
  const visit = (service: string, depth: number, path: Set<string>) => {
    if (path.has(service)) return;
    if ((layer.get(service) ?? 0) > depth && depth > 0) return;
    layer.set(service, Math.max(layer.get(service) ?? 0, depth));
    path.add(service);
    for (const next of out.get(service) ?? []) visit(next, depth + 1, path);
    path.delete(service);
  };
  const starts = nodes.filter((n) => !called.has(n.service));
  for (const n of starts.length > 0 ? starts : nodes.slice(0, 1)) visit(n.service, 0, new Set());
  const layers = new Map<number, ServiceMapNode[]>();
  for (const n of nodes) {
    const l = layer.get(n.service) ?? 0;
    layers.set(l, [...(layers.get(l) ?? []), n]);
  }
  const placed: PlacedNode[] = [];
  let rows = 1;
  for (const [l, members] of [...layers.entries()].sort((a, b) => a[0] - b[0])) {
    members.sort((a, b) => a.service.localeCompare(b.service));
    rows = Math.max(rows, members.length);
    members.forEach((node, i) => {
      placed.push({ node, layer: l, x: 20 + l * LAYER_GAP, y: 30 + i * ROW_GAP });
    });
  }
  const maxLayer = Math.max(0, ...placed.map((p) => p.layer));
  return { placed, width: 40 + maxLayer * LAYER_GAP + NODE_WIDTH, height: 60 + rows * ROW_GAP };
}
