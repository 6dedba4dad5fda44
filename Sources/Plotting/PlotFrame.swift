/// The resolved axes of a plot and the pixel rectangle they span: maps data
/// points to SVG coordinates.
struct PlotFrame {
  /// The horizontal axis.
  let x: ResolvedAxis
  /// The vertical axis.
  let y: ResolvedAxis
  /// The plot area in pixels.
  let area: Rect

  /// Whether the point can be drawn on these scales (finite, positive on log axes).
  @inline(__always)
  func accepts(_ px: Double, _ py: Double) -> Bool {
    x.accepts(px) && y.accepts(py)
  }

  /// The horizontal pixel position of data value `value`.
  @inline(__always)
  func pixelX(_ value: Double) -> Double {
    area.x + x.fraction(value) * area.width
  }

  /// The vertical pixel position of data value `value` (larger values higher up).
  @inline(__always)
  func pixelY(_ value: Double) -> Double {
    area.maxY - y.fraction(value) * area.height
  }

  /// The axes for a plot: explicit ranges where valid, otherwise ranges that
  /// contain every drawable point and the horizontal/vertical reference lines.
  ///
  /// When one axis has an explicit range, only points inside it count towards
  /// the other axis' automatic range.
  static func axes(for plot: Plot) -> (x: ResolvedAxis, y: ResolvedAxis) {
    let xFixed = ResolvedAxis.validRange(plot.x.range, scale: plot.x.scale)
    let yFixed = ResolvedAxis.validRange(plot.y.range, scale: plot.y.scale)
    let xLog = plot.x.scale == .log10, yLog = plot.y.scale == .log10
    let xLow = xFixed?.lowerBound ?? -.infinity, xHigh = xFixed?.upperBound ?? .infinity
    let yLow = yFixed?.lowerBound ?? -.infinity, yHigh = yFixed?.upperBound ?? .infinity
    var xExtent = Extent(), yExtent = Extent()
    for series in plot.series {
      let n = series.count
      series.x.withUnsafeBufferPointer { xs in
        series.y.withUnsafeBufferPointer { ys in
          for i in 0..<n {
            let px = xs[i], py = ys[i]
            guard px.isFinite, py.isFinite, !xLog || px > 0, !yLog || py > 0 else { continue }
            if py >= yLow && py <= yHigh { xExtent.include(px) }
            if px >= xLow && px <= xHigh { yExtent.include(py) }
          }
        }
      }
    }
    for line in plot.referenceLines {
      switch line.kind {
      case .horizontal(let value) where value.isFinite && (!yLog || value > 0): yExtent.include(value)
      case .vertical(let value) where value.isFinite && (!xLog || value > 0): xExtent.include(value)
      default: break
      }
    }
    return (ResolvedAxis(plot.x, extent: xExtent), ResolvedAxis(plot.y, extent: yExtent))
  }
}
