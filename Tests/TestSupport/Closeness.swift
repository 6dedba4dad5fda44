import Linalg

/// The largest |aᵢ − bᵢ| over two vectors of equal length.
public func maximumAbsoluteDifference(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "maximumAbsoluteDifference: \(a.count) vs \(b.count)")
  return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// The largest |Aᵢⱼ − Bᵢⱼ| over two matrices of equal shape.
public func maximumAbsoluteDifference(_ a: Matrix, _ b: Matrix) -> Double {
  precondition(a.rows == b.rows && a.columns == b.columns, "maximumAbsoluteDifference: shapes differ")
  return maximumAbsoluteDifference(a.elements, b.elements)
}

/// max|aᵢ − bᵢ| / max(max|bᵢ|, floor): a norm-wise relative error.
public func relativeDifference(_ a: [Double], _ b: [Double], floor: Double = .leastNormalMagnitude) -> Double {
  let scale = max(b.reduce(0) { max($0, abs($1)) }, floor)
  return maximumAbsoluteDifference(a, b) / scale
}

/// Norm-wise relative error between two matrices (max norm).
public func relativeDifference(_ a: Matrix, _ b: Matrix, floor: Double = .leastNormalMagnitude) -> Double {
  relativeDifference(a.elements, b.elements, floor: floor)
}

/// |a − b| / |b|, for scalars.
public func relativeDifference<Scalar: FloatingPoint>(_ a: Scalar, _ b: Scalar) -> Scalar {
  abs(a - b) / abs(b)
}
