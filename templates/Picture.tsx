// Draws a resolved picture: a PNG/JPEG through <Image>, an SVG through React-PDF's vector shapes.
import { createElement, type ReactNode } from 'react';
import { Image, Svg, G, Path, Rect, Circle, Ellipse, Line, Polygon, Polyline, Defs, LinearGradient, RadialGradient, Stop, ClipPath } from '@react-pdf/renderer';
import type { Picture as PictureData, SvgNode } from '../src/resolve/index.js';

const SHAPES: Record<string, unknown> = {
  g: G, path: Path, rect: Rect, circle: Circle, ellipse: Ellipse, line: Line, polygon: Polygon, polyline: Polyline,
  defs: Defs, lineargradient: LinearGradient, radialgradient: RadialGradient, stop: Stop, clippath: ClipPath,
};

function shape(node: SvgNode, key: number): ReactNode {
  const type = SHAPES[node.tag];
  if (!type) return null;
  return createElement(type as never, { key, ...node.attrs }, ...node.children.map(shape));
}

export function Picture({ picture, width, height }: { picture: PictureData; width: number; height: number }) {
  if (picture.kind === 'raster') return <Image src={picture.image} style={{ width, height, objectFit: 'contain' }} />;
  const { width: _w, height: _h, ...attrs } = picture.svg.attrs;
  return (
    <Svg {...(attrs as object)} width={width} height={height}>
      {picture.svg.children.map(shape)}
    </Svg>
  );
}
