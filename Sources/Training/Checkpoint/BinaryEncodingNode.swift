/// A value under construction while a `Codable` value encodes itself.
///
/// Containers hand out references to their children, so nested containers
/// and super encoders can fill them in later; ``BinaryWriter`` serialises the
/// finished tree.
final class BinaryEncodingNode {
  /// What the node holds so far.
  enum Content {
    /// Nothing encoded (written as an empty keyed container).
    case empty
    case scalar(BinaryScalar)
    case keyed(Keyed)
    case unkeyed(Unkeyed)
  }

  /// The entries of a keyed container; a key encoded twice keeps the last value.
  final class Keyed {
    var entries: [String: BinaryEncodingNode] = [:]
  }

  /// The elements of an unkeyed container, in order.
  final class Unkeyed {
    var elements: [BinaryEncodingNode] = []
  }

  var content: Content

  init(_ content: Content = .empty) {
    self.content = content
  }

  /// Whether the node is (or will be written as) a keyed or unkeyed container.
  var isContainer: Bool {
    if case .scalar = content { return false }
    return true
  }

  /// The node's keyed storage, made if the node has none (so a second request shares the first's entries).
  func keyedStorage() -> Keyed {
    if case .keyed(let storage) = content { return storage }
    let storage = Keyed()
    content = .keyed(storage)
    return storage
  }

  /// The node's unkeyed storage, made if the node has none.
  func unkeyedStorage() -> Unkeyed {
    if case .unkeyed(let storage) = content { return storage }
    let storage = Unkeyed()
    content = .unkeyed(storage)
    return storage
  }
}
