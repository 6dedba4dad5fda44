/// The coding keys the binary coder makes up: array indices and `super`.
struct BinaryCodingKey: CodingKey {
  let stringValue: String
  let intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
    self.intValue = nil
  }

  init(intValue: Int) {
    self.stringValue = "Index \(intValue)"
    self.intValue = intValue
  }

  /// The key under which `superEncoder()` / `superDecoder()` store the superclass.
  static let superKey = BinaryCodingKey(stringValue: "super")
}
