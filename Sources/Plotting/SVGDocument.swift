/// The start and end of a standalone SVG document.
enum SVGDocument {
  /// The canvas size actually used: finite and at least 120 × 90 pixels.
  static func canvas(width: Double, height: Double) -> (width: Double, height: Double) {
    let w = width.isFinite ? min(max(width, 120), 20_000) : 720
    let h = height.isFinite ? min(max(height, 90), 20_000) : 480
    return (w, h)
  }

  /// The XML declaration, the `<svg>` element and a white background.
  static func begin(width: Double, height: Double) -> SVGBuffer {
    var svg = SVGBuffer()
    svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
    svg.attribute("width", width)
    svg.attribute("height", height)
    svg.raw(" viewBox=\"0 0 ")
    svg.number(width)
    svg.raw(" ")
    svg.number(height)
    svg.raw("\"")
    svg.attribute("font-family", Theme.fontFamily)
    svg.raw(" text-rendering=\"geometricPrecision\">\n")
    svg.raw("<rect class=\"background\" x=\"0\" y=\"0\"")
    svg.attribute("width", width)
    svg.attribute("height", height)
    svg.raw(" fill=\"#ffffff\"/>\n")
    return svg
  }

  /// Closes the `<svg>` element.
  static func end(_ svg: inout SVGBuffer) {
    svg.raw("</svg>\n")
  }
}
