/// A leaf value of the binary format: anything but a keyed or unkeyed container.
///
/// Integers keep their encoded width (1, 2, 4 or 8 bytes) and decode into any
/// integer type that holds the value exactly. The packed arrays are the fast
/// path for `[Float]`, `[Double]`, `[UInt8]` and `[Int]`: one record, one copy.
enum BinaryScalar {
  case null
  case bool(Bool)
  case signed(Int64, width: Int)
  case unsigned(UInt64, width: Int)
  case float(Float)
  case double(Double)
  case string(String)
  case floats([Float])
  case doubles([Double])
  case bytes([UInt8])
  case ints([Int])

  /// The packed form of `value` when `T` is one of the fast-path array types.
  static func packed<T>(_ value: T) -> BinaryScalar? {
    if T.self == [Float].self, let array = value as? [Float] { return .floats(array) }
    if T.self == [Double].self, let array = value as? [Double] { return .doubles(array) }
    if T.self == [UInt8].self, let array = value as? [UInt8] { return .bytes(array) }
    if T.self == [Int].self, let array = value as? [Int] { return .ints(array) }
    return nil
  }

  /// The value as a `T` when `T` is the fast-path array type this scalar packs.
  func unpacked<T>(as type: T.Type) -> T? {
    switch self {
    case .floats(let array) where T.self == [Float].self: return array as? T
    case .doubles(let array) where T.self == [Double].self: return array as? T
    case .bytes(let array) where T.self == [UInt8].self: return array as? T
    case .ints(let array) where T.self == [Int].self: return array as? T
    default: return nil
    }
  }

  /// The number of elements of a packed array; `nil` for other scalars.
  var packedCount: Int? {
    switch self {
    case .floats(let array): return array.count
    case .doubles(let array): return array.count
    case .bytes(let array): return array.count
    case .ints(let array): return array.count
    default: return nil
    }
  }

  /// Element `index` of a packed array as a scalar of its own.
  func packedElement(_ index: Int) -> BinaryScalar? {
    switch self {
    case .floats(let array) where array.indices.contains(index): return .float(array[index])
    case .doubles(let array) where array.indices.contains(index): return .double(array[index])
    case .bytes(let array) where array.indices.contains(index): return .unsigned(UInt64(array[index]), width: 1)
    case .ints(let array) where array.indices.contains(index): return .signed(Int64(array[index]), width: 8)
    default: return nil
    }
  }

  /// What the scalar is, for error messages.
  var typeName: String {
    switch self {
    case .null: return "nil"
    case .bool: return "Bool"
    case .signed(_, let width): return "Int\(width * 8)"
    case .unsigned(_, let width): return "UInt\(width * 8)"
    case .float: return "Float"
    case .double: return "Double"
    case .string: return "String"
    case .floats(let array): return "[Float] of \(array.count)"
    case .doubles(let array): return "[Double] of \(array.count)"
    case .bytes(let array): return "[UInt8] of \(array.count)"
    case .ints(let array): return "[Int] of \(array.count)"
    }
  }
}
