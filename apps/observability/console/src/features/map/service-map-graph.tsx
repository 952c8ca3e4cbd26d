import type { ServiceMapView } from '../../../../src/contract/console-api.js';
import { formatDuration, formatPercent } from '../../shared/format.js';
import { serviceColor } from '../../shared/palette.js';
import { layoutServiceMap, NODE_HEIGHT, NODE_WIDTH } from './map-layout.js';

/** Services as boxes, calls as arrows labelled with rate, error rate and p50/p99 latency. */
export function ServiceMapGraph({ map }: { readonly map: ServiceMapView }) {
  const { placed, width, height } = layoutServiceMap(map.nodes, map.edges);
  const at = new Map(placed.map((p) => [p.node.service, p]));
  return (
    <svg
      className="service-map"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      role="img"
      aria-label="Service map"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#7a8794" />
        </marker>
      </defs>
      {map.edges.map((e) => {
        const from = at.get(e.source);
        const to = at.get(e.target);
        if (!from || !to) return null;
        const x1 = from.x + NODE_WIDTH;
        const y1 = from.y + NODE_HEIGHT / 2;
        const backwards = to.x <= from.x;
        const x2 = backwards ? to.x + NODE_WIDTH / 2 : to.x;
        const y2 = backwards ? to.y + (to.y > from.y ? 0 : NODE_HEIGHT) : to.y + NODE_HEIGHT / 2;
        const mx = (x1 + x2) / 2;
        const path = `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
        const bad = e.errorRate > 0;
        return (
          <g
            key={`${e.source}->${e.target}`}
            className="map-edge"
            data-testid={`edge-${e.source}->${e.target}`}
          >
            <path
              d={path}
              fill="none"
              stroke={bad ? '#d13a1d' : '#7a8794'}
              strokeWidth={1.6}
              markerEnd="url(#arrow)"
            />
            <text x={mx} y={(y1 + y2) / 2 - 20} textAnchor="middle" className="edge-label">
              {`${e.callsPerSecond < 0.1 ? e.callsPerSecond.toPrecision(2) : e.callsPerSecond.toFixed(1)}/s · ${e.calls} calls`}
            </text>
            <text
              x={mx}
              y={(y1 + y2) / 2 - 7}
              textAnchor="middle"
              className={`edge-label${bad ? ' error-text' : ''}`}
            >
              {`${formatPercent(e.errorRate)} err · p50 ${formatDuration(e.p50Ms)} · p99 ${formatDuration(e.p99Ms)}`}
            </text>
          </g>
        );
      })}
      {placed.map(({ node, x, y }) => (
        <g key={node.service} className="map-node" data-testid={`node-${node.service}`}>
          <rect
            x={x}
            y={y}
            width={NODE_WIDTH}
            height={NODE_HEIGHT}
            rx={8}
            fill="#fff"
            stroke={node.inferred ? '#9aa5b1' : serviceColor(node.service)}
            strokeDasharray={node.inferred ? '5 3' : undefined}
            strokeWidth={2}
          />
          <text x={x + 10} y={y + 22} className="node-name">
            {node.service.length > 24 ? `${node.service.slice(0, 23)}…` : node.service}
          </text>
          <text x={x + 10} y={y + 40} className="node-stats">
            {node.inferred
              ? 'not instrumented'
              : `${node.spanCount} spans · ${node.errorCount} errors`}
          </text>
          <title>{node.service}</title>
        </g>
      ))}
    </svg>
  );
}
