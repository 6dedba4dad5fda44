/// Writes polylines as SVG path data, splitting very long lines over several
/// `<path>` elements (parsers such as libxml2 limit attribute lengths) and
/// dropping vertices that round to the previous one.
struct PathWriter {
  /// The opening of each `<path` element up to (not including) ` d="`.
  let elementStart: String
  /// The attributes after the path data, including the closing `/>`.
  let elementEnd: String
  /// The vertex count after which a path element is closed and a new one started.
  let verticesPerElement: Int
  private var data = SVGBuffer(reservingCapacity: 1 << 12)
  private var vertices = 0
  private var penDown = false
  private var lastCommandWasLine = false
  private var last = (x: Int.min, y: Int.min)
  private var lastPoint = (x: 0.0, y: 0.0)

  /// A writer for path elements `elementStart d="…" elementEnd`.
  init(elementStart: String, elementEnd: String, verticesPerElement: Int = 20_000) {
    self.elementStart = elementStart
    self.elementEnd = elementEnd
    self.verticesPerElement = verticesPerElement
  }

  /// Whether the pen is down, i.e. a `line(to:)` continues the current line.
  var isDrawing: Bool { penDown }

  /// Starts a new subpath at (x, y).
  mutating func move(_ x: Double, _ y: Double) {
    data.raw("M")
    write(x, y)
    penDown = true
    lastCommandWasLine = false
  }

  /// Continues the current subpath to (x, y); call only while ``isDrawing``.
  mutating func line(_ x: Double, _ y: Double) {
    let key = (Self.tenths(x), Self.tenths(y))
    if key == last { return }
    data.raw(lastCommandWasLine ? " " : "L")
    write(x, y)
    lastCommandWasLine = true
    vertices += 1
  }

  /// Lifts the pen: the next point starts a new subpath.
  mutating func lift() {
    penDown = false
  }

  /// Moves the finished path elements into `svg` once the element is full.
  mutating func flushIfFull(into svg: inout SVGBuffer) {
    guard vertices >= verticesPerElement else { return }
    let resume = penDown ? lastPoint : nil
    flush(into: &svg)
    if let resume { move(resume.x, resume.y) }
  }

  /// Writes the pending path data, if any, as one path element.
  mutating func flush(into svg: inout SVGBuffer) {
    if vertices > 0 {
      svg.raw(elementStart)
      svg.raw(" d=\"")
      svg.append(data)
      svg.raw("\"")
      svg.raw(elementEnd)
    }
    data = SVGBuffer(reservingCapacity: 1 << 12)
    vertices = 0
    penDown = false
    lastCommandWasLine = false
    last = (Int.min, Int.min)
  }

  private mutating func write(_ x: Double, _ y: Double) {
    data.number(x)
    data.raw(" ")
    data.number(y)
    last = (Self.tenths(x), Self.tenths(y))
    lastPoint = (x, y)
  }

  /// The coordinate in tenths of a pixel, as ``SVGBuffer/number(_:)`` rounds it.
  @inline(__always)
  static func tenths(_ value: Double) -> Int {
    value.isFinite ? Int((min(max(value, -1e9), 1e9) * 10).rounded()) : 0
  }
}
