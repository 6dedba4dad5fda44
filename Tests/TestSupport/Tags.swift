import Testing

extension Tag {
  /// Compared against an external oracle (PyTorch, the AdaBayes reference code, NumPy, a closed form).
  @Tag public static var reference: Self
  /// An asymptotic limit, with the tolerance derived from its first-order error term.
  @Tag public static var limit: Self
  /// An algebraic identity or invariant that must hold to round-off.
  @Tag public static var property: Self
  /// A contract every member of a family (every optimizer, every loader) must meet.
  @Tag public static var conformance: Self
  /// The built `kfopt` executable run as a user would run it.
  @Tag public static var endToEnd: Self
  /// Long-running (e.g. 10⁵-step soak) tests.
  @Tag public static var soak: Self
}
