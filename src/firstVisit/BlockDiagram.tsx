/** The paper's Fig. 2 in miniature, beside its plain counterpart: two weight layers; the residual block adds the
 *  input x back before the last ReLU, y = F(x) + x, so a block can be the identity by learning F = 0. */
// Every label is 12 user units, and the viewBox is cropped to the drawing (290 wide): at the 300 px column of the
// wide layout, and at a phone's full width (where max-height 180px caps the scale near 1.06), that renders them at
// 12 px or more.
export function BlockDiagram() {
  return (
    <figure className="block-diagram">
      <svg viewBox="8 0 290 170" role="img" aria-labelledby="block-diagram-title block-diagram-desc">
        <title id="block-diagram-title">A plain block and a residual block</title>
        <desc id="block-diagram-desc">
          Both blocks pass x through two weight layers with a ReLU between them. The plain block outputs the result, H(x). The
          residual block adds x back through a shortcut before the last ReLU, so it outputs F(x) + x.
        </desc>
        <defs>
          <marker id="arrow-head" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="currentColor" />
          </marker>
        </defs>
        <Block x={0} title="plain" output="H(x)" />
        <Block x={130} title="residual" output="F(x) + x" shortcut />
      </svg>
    </figure>
  );
}

function Block({ x, title, output, shortcut = false }: { x: number; title: string; output: string; shortcut?: boolean }) {
  const centre = x + 60;
  const arrow = { stroke: 'currentColor', strokeWidth: 1.5, markerEnd: 'url(#arrow-head)' } as const;
  return (
    <g fontSize="12" fill="currentColor">
      <text x={centre} y={12} textAnchor="middle" fontWeight="700">
        {title}
      </text>
      <text x={centre} y={30} textAnchor="middle">
        x
      </text>
      <line x1={centre} y1={34} x2={centre} y2={46} {...arrow} />
      <rect x={x + 15} y={48} width={90} height={22} rx={4} className="diagram-layer" />
      <text x={centre} y={63} textAnchor="middle">
        weight layer
      </text>
      <text x={centre - 6} y={83} textAnchor="end">
        ReLU
      </text>
      <line x1={centre} y1={70} x2={centre} y2={88} {...arrow} />
      <rect x={x + 15} y={90} width={90} height={22} rx={4} className="diagram-layer" />
      <text x={centre} y={105} textAnchor="middle">
        weight layer
      </text>
      {shortcut ? (
        <>
          <circle cx={centre} cy={128} r={8} fill="none" stroke="currentColor" strokeWidth={1.5} />
          <text x={centre} y={132} textAnchor="middle" fontWeight="700">
            +
          </text>
          <line x1={centre} y1={112} x2={centre} y2={119} {...arrow} />
          <path d={`M${centre + 4},38 C${centre + 64},38 ${centre + 64},128 ${centre + 10},128`} fill="none" {...arrow} className="diagram-shortcut" />
          <text x={centre + 55} y={80} className="diagram-shortcut-label">
            x
          </text>
          <text x={centre + 55} y={94} className="diagram-shortcut-label">
            identity
          </text>
          <line x1={centre} y1={136} x2={centre} y2={150} {...arrow} />
        </>
      ) : (
        <line x1={centre} y1={112} x2={centre} y2={150} {...arrow} />
      )}
      <text x={centre - 6} y={147} textAnchor="end">
        ReLU
      </text>
      <text x={centre} y={165} textAnchor="middle" fontWeight="700">
        {output}
      </text>
    </g>
  );
}
