import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An element of a parsed SVG document, for structural assertions in tests.
final class SVGNode {
  /// The element name, e.g. `g`, `text`.
  let name: String
  /// The attributes as written.
  let attributes: [String: String]
  /// Child elements in document order.
  private(set) var children: [SVGNode] = []
  /// The character data directly inside this element.
  fileprivate(set) var ownText = ""

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  /// The class attribute split on spaces.
  var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

  /// The text of this element and its descendants, concatenated.
  var text: String { ownText + children.map(\.text).joined() }

  /// This element and all its descendants, depth first.
  var all: [SVGNode] { [self] + children.flatMap(\.all) }

  /// The descendants (and self) that have `className` among their classes.
  func elements(withClass className: String) -> [SVGNode] {
    all.filter { $0.classes.contains(className) }
  }

  /// The descendants (and self) named `name`.
  func elements(named name: String) -> [SVGNode] {
    all.filter { $0.name == name }
  }

  /// The first descendant (or self) with `className`.
  func first(withClass className: String) -> SVGNode? {
    elements(withClass: className).first
  }

  /// A numeric attribute.
  func number(_ attribute: String) -> Double? {
    attributes[attribute].flatMap(Double.init)
  }

  fileprivate func append(_ child: SVGNode) { children.append(child) }
}

/// Parses SVG text with Foundation's `XMLParser` into an ``SVGNode`` tree.
final class SVGTreeBuilder: NSObject, XMLParserDelegate {
  private var stack: [SVGNode] = []
  private(set) var root: SVGNode?
  private(set) var elementCount = 0
  private(set) var parseError: String?

  /// The root element of `svg`, or a description of the parse error.
  static func parse(_ svg: String) -> Result<(root: SVGNode, elementCount: Int), ParseFailure> {
    let builder = SVGTreeBuilder()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = builder
    let ok = parser.parse()
    guard ok, let root = builder.root else {
      let message = builder.parseError ?? parser.parserError.map { "\($0)" } ?? "no root element"
      return .failure(ParseFailure(message: message, line: parser.lineNumber))
    }
    return .success((root, builder.elementCount))
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    let node = SVGNode(name: elementName, attributes: attributeDict)
    elementCount += 1
    if let parent = stack.last { parent.append(node) } else { root = node }
    stack.append(node)
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    stack.last?.ownText += string
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    self.parseError = "\(parseError)"
  }
}

/// Why an SVG document did not parse.
struct ParseFailure: Error, CustomStringConvertible {
  var message: String
  var line: Int
  var description: String { "XML parse error at line \(line): \(message)" }
}
