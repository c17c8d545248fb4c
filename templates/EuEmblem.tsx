// The EU emblem drawn as vectors from its official geometry: a 3:2 Reflex Blue rectangle,
// twelve upright five-pointed yellow stars on a circle of radius h/3, each star's points
// on a circle of radius h/18.
import { Svg, Rect, Polygon } from '@react-pdf/renderer';
import { colours } from '../src/design/index.js';

const H = 60; // drawing units; the emblem scales to its `height`
const STAR_OUTER = H / 18;
const STAR_INNER = STAR_OUTER * 0.381966; // regular pentagram: sin 18° / sin 54°

function starPoints(cx: number, cy: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? STAR_OUTER : STAR_INNER;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(cx + r * Math.cos(a)).toFixed(3)},${(cy + r * Math.sin(a)).toFixed(3)}`);
  }
  return pts.join(' ');
}

const STARS = Array.from({ length: 12 }, (_, k) => {
  const a = -Math.PI / 2 + (k * Math.PI) / 6;
  return starPoints(0.75 * H + (H / 3) * Math.cos(a), H / 2 + (H / 3) * Math.sin(a));
});

export function EuEmblem({ height }: { height: number }) {
  return (
    <Svg width={height * 1.5} height={height} viewBox={`0 0 ${H * 1.5} ${H}`}>
      <Rect x={0} y={0} width={H * 1.5} height={H} fill={colours.euBlue} />
      {STARS.map((points, i) => (
        <Polygon key={i} points={points} fill={colours.euYellow} />
      ))}
    </Svg>
  );
}
