/// Draws an axis outside the plot area: outward tick marks, tick labels (10^k
/// with a raised exponent on log axes) and the axis label.
enum AxisRenderer {
  /// Which side of the plot area an axis is drawn on.
  enum Side {
    /// Below the plot area.
    case bottom
    /// Left of the plot area.
    case left
  }

  /// Appends `<g class="x-axis">` or `<g class="y-axis">`, whose `data-min` and
  /// `data-max` give the final range and whose labels are `<text class="tick-label">`.
  static func draw(_ axis: ResolvedAxis, side: Side, label: String, area: Rect, labelOffset: Double, into svg: inout SVGBuffer) {
    svg.raw(side == .bottom ? "<g class=\"x-axis\"" : "<g class=\"y-axis\"")
    svg.raw(" data-scale=\"\(axis.scale == .log10 ? "log10" : "linear")\"")
    svg.raw(" data-min=\"\(axis.lower)\" data-max=\"\(axis.upper)\">\n")
    let position = { (value: Double) -> Double in
      side == .bottom ? area.x + axis.fraction(value) * area.width : area.maxY - axis.fraction(value) * area.height
    }
    for major in [true, false] {
      let ticks = axis.ticks.filter { $0.isMajor == major }
      guard !ticks.isEmpty else { continue }
      let length = major ? Theme.majorTick : Theme.minorTick
      svg.raw("<path class=\"\(major ? "ticks" : "minor-ticks")\" d=\"")
      for tick in ticks {
        let p = position(tick.value)
        svg.raw("M")
        if side == .bottom {
          svg.number(p)
          svg.raw(" ")
          svg.number(area.maxY)
          svg.raw("v")
          svg.number(length)
        } else {
          svg.number(area.x)
          svg.raw(" ")
          svg.number(p)
          svg.raw("h")
          svg.number(-length)
        }
      }
      svg.raw("\" stroke=\"\(Theme.ink)\" stroke-width=\"\(major ? "1" : "0.8")\" fill=\"none\"/>\n")
    }
    let size = Theme.tickLabelSize
    for tick in axis.ticks {
      guard let text = tick.label else { continue }
      let p = position(tick.value)
      svg.raw("<text class=\"tick-label\" data-value=\"\(tick.value)\"")
      if side == .bottom {
        svg.attribute("x", p)
        svg.attribute("y", area.maxY + Theme.majorTick + Theme.tickGap + 0.78 * size)
        svg.raw(" text-anchor=\"middle\"")
      } else {
        svg.attribute("x", area.x - Theme.majorTick - Theme.tickGap)
        svg.attribute("y", p + 0.36 * size)
        svg.raw(" text-anchor=\"end\"")
      }
      svg.raw(" font-size=\"\(Theme.compact(size))\" fill=\"\(Theme.ink)\">")
      svg.escaped(text.base)
      if let exponent = text.superscript {
        svg.raw("<tspan class=\"exponent\" dy=\"\(Theme.compact(-0.42 * size))\"")
        svg.raw(" font-size=\"\(Theme.compact(size * TextMetrics.superscriptScale))\">")
        svg.escaped(exponent)
        svg.raw("</tspan>")
      }
      svg.raw("</text>\n")
    }
    if !label.isEmpty {
      let size = Theme.axisLabelSize
      svg.raw("<text class=\"axis-label\"")
      if side == .bottom {
        svg.attribute("x", area.x + area.width / 2)
        svg.attribute("y", area.maxY + labelOffset)
      } else {
        let x = area.x - labelOffset, y = area.y + area.height / 2
        svg.attribute("x", x)
        svg.attribute("y", y)
        svg.raw(" transform=\"rotate(-90 ")
        svg.number(x)
        svg.raw(" ")
        svg.number(y)
        svg.raw(")\"")
      }
      svg.raw(" text-anchor=\"middle\" font-size=\"\(Theme.compact(size))\" fill=\"\(Theme.ink)\">")
      svg.escaped(label)
      svg.raw("</text>\n")
    }
    svg.raw("</g>\n")
  }
}
