import Linalg
import Models
import RealModule

/// The 1-D toy regression of Bayes by Backprop (Blundell et al. 2015), as
/// BADAM's regression experiment generates it:
///
/// ```
/// y = x + 0.3·sin(2π(x + ε)) + 0.3·sin(4π(x + ε)) + ε,   ε ~ N(0, 0.02²)     [DATA-TOY]
/// ```
/// with x uniform on an interval: [0, 0.5) for training, [−0.5, 1.2) for
/// testing, so most test points lie outside the data and show how the
/// predictive band widens there. The same ε enters the phase and the level.
public enum ToyRegressionData {
  /// The noise standard deviation, 0.02.
  public static let noiseStandardDeviation = 0.02

  /// The noise-free curve x + 0.3 sin 2πx + 0.3 sin 4πx (ε = 0).
  public static func curve(_ x: Double) -> Double {
    x + 0.3 * Double.sin(2 * Double.pi * x) + 0.3 * Double.sin(4 * Double.pi * x)
  }

  /// One observation at x with noise ε.                                  [DATA-TOY]
  public static func observation(at x: Double, noise epsilon: Double) -> Double {
    let shifted = x + epsilon
    return x + 0.3 * Double.sin(2 * Double.pi * shifted) + 0.3 * Double.sin(4 * Double.pi * shifted) + epsilon
  }

  /// `count` examples with x uniform on `interval`, sorted by x, drawn from `seed`.
  ///
  /// - Precondition: `count ≥ 1` and a finite interval.
  public static func sample(count: Int, on interval: Range<Double>, seed: UInt64, name: String = "toy") throws(NotebookError) -> Dataset<Double> {
    precondition(count >= 1, "ToyRegressionData: count must be ≥ 1")
    var generator = SplitMix64(seed: seed)
    let xs = (0..<count).map { _ in interval.lowerBound + (interval.upperBound - interval.lowerBound) * generator.nextUnit() }.sorted()
    let ys = xs.map { observation(at: $0, noise: noiseStandardDeviation * generator.nextGaussian()) }
    return try dataset(xs: xs, ys: ys, name: name)
  }

  /// Inputs with targets (regression, one feature); `ys` defaults to zeros (a prediction grid).
  ///
  /// - Throws: ``NotebookError/failed(_:)`` for non-finite values or unequal lengths.
  public static func dataset(xs: [Double], ys: [Double]? = nil, name: String = "grid") throws(NotebookError) -> Dataset<Double> {
    do {
      return try Dataset<Double>(name: name, featureCount: 1, features: xs, targets: ys ?? [Double](repeating: 0, count: xs.count), task: .regression)
    } catch {
      throw .failed("\(name): \(error)")
    }
  }
}
