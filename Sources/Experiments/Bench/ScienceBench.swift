/// Numbers PyTorch 2.13 (CPU) measured on the same data, model and protocol as
/// the notebooks (mnist5k, 784-400-400-10 ReLU, torch's default
/// initialisation, batch 100, 20 epochs, seeds 0, 1, 2; the optimizers torch
/// lacks are the unmodified reference classes: LaurenceA/adabayes @ 7ea53ed,
/// Luolc/AdaBound @ 2e928c3, uclaml/Padam @ 586a02b).
///
/// The same algorithm on the same data should agree with these within seed
/// noise; they are printed beside the Swift numbers, never tuned against.
public enum ScienceBench {
  /// One row of a seed-averaged table: mean ± sample sd over seeds 0, 1, 2.
  public struct Row: Sendable, Equatable {
    public var label: String
    public var minTestError: (mean: Double, sd: Double)
    public var minTestLoss: (mean: Double, sd: Double)
    public var finalTestError: (mean: Double, sd: Double)
    public var finalTestLoss: (mean: Double, sd: Double)

    public static func == (a: Row, b: Row) -> Bool {
      a.label == b.label && a.minTestError == b.minTestError && a.minTestLoss == b.minTestLoss
        && a.finalTestError == b.finalTestError && a.finalTestLoss == b.finalTestLoss
    }

    /// `mean ± sd` of the minimum test error %.
    public var minTestErrorText: String { Formatting.fixed(minTestError.mean) + " ± " + Formatting.fixed(minTestError.sd) }
  }

  private static func row(_ label: String, _ e: Double, _ es: Double, _ l: Double, _ ls: Double, _ fe: Double, _ fes: Double, _ fl: Double, _ fls: Double) -> Row {
    Row(label: label, minTestError: (e, es), minTestLoss: (l, ls), finalTestError: (fe, fes), finalTestLoss: (fl, fls))
  }

  /// Table 1 in miniature, keyed by registry name (`sgd`, …, `adabayes-fp`).
  public static let table1: [String: Row] = [
    "sgd": row("SGD", 4.87, 0.15, 0.2002, 0.0134, 4.97, 0.15, 0.2506, 0.0069),
    "adam": row("Adam", 5.30, 0.36, 0.2043, 0.0101, 5.60, 0.40, 0.2346, 0.0102),
    "adagrad": row("AdaGrad", 5.20, 0.10, 0.1793, 0.0038, 5.33, 0.15, 0.1950, 0.0069),
    "amsgrad": row("AMSGrad", 5.27, 0.29, 0.2029, 0.0084, 5.60, 0.20, 0.2315, 0.0084),
    "adabound": row("AdaBound", 6.13, 0.15, 0.2211, 0.0006, 6.20, 0.10, 0.2367, 0.0067),
    "amsbound": row("AMSBound", 6.13, 0.15, 0.2207, 0.0008, 6.13, 0.15, 0.2354, 0.0068),
    "adamw": row("AdamW", 5.17, 0.25, 0.2023, 0.0091, 5.47, 0.51, 0.2262, 0.0092),
    "adabayes": row("AdaBayes", 8.13, 0.12, 0.2625, 0.0053, 8.27, 0.12, 0.2657, 0.0083),
    "adabayes-fp": row("AdaBayes-FP", 8.30, 0.20, 0.2680, 0.0043, 8.43, 0.12, 0.2721, 0.0083),
    "adabayes:lr_sgd=1.0": row("AdaBayes[lr_sgd=1.0]", 5.07, 0.31, 0.1941, 0.0091, 5.23, 0.38, 0.2279, 0.0042),
    "adabayes-fp:lr_sgd=1.0": row("AdaBayes-FP[lr_sgd=1.0]", 5.50, 0.10, 0.2168, 0.0050, 5.83, 0.32, 0.2340, 0.0080),
    "sgd:dampening=0.9": row("SGD[dampening=0.9]", 7.90, 0.35, 0.2576, 0.0089, 8.10, 0.40, 0.2604, 0.0113),
  ]

  /// The Padam sweep (amsgrad on, no weight decay), keyed by `p@lr`, e.g. `0.125@0.1`.
  public static let padam: [String: Row] = [
    "0.0@0.1": row("p = 0", 9.20, 0.17, 0.3030, 0.0055, 9.37, 0.25, 0.3074, 0.0099),
    "0.0625@0.1": row("p = 1/16", 7.27, 0.40, 0.2449, 0.0106, 7.47, 0.31, 0.2484, 0.0137),
    "0.125@0.1": row("p = 1/8", 5.97, 0.15, 0.2180, 0.0069, 6.60, 0.26, 0.2331, 0.0087),
    "0.25@0.1": row("p = 1/4", 5.40, 0.20, 0.2177, 0.0231, 6.50, 0.35, 0.3450, 0.0253),
    "0.375@0.1": row("p = 3/8", 7.40, 0.62, 0.3415, 0.0202, 9.67, 0.95, 0.8242, 0.0459),
    "0.5@0.1": row("p = 1/2", 71.33, 1.42, 1.8894, 0.1274, 71.67, 1.76, 2.0643, 0.2825),
    "0.5@0.001": row("p = 1/2, lr 1e-3", 5.37, 0.35, 0.2038, 0.0083, 5.67, 0.45, 0.2350, 0.0053),
  ]

  /// The key of ``padam`` for exponent `p` and learning rate `lr`.
  public static func padamKey(p: Double, lr: Double) -> String { "\(p)@\(lr)" }

  /// The Fig. 3 check at η = 1e-3, σ² = 1e-3, seed 0: fraction of all
  /// parameters within 5 % and 10 % of Eq. 20, by epoch.
  public static let fig3: [Int: (within5: Double, within10: Double)] = [
    1: (0.9941, 0.9974), 5: (0.9739, 0.9933), 10: (0.9769, 0.9944), 20: (0.9933, 0.9989),
  ]

  /// The same at σ² = 1e-2 (η_SGD = 1.0), seed 0.
  public static let fig3HeavyBall: [Int: (within5: Double, within10: Double)] = [
    1: (0.405, 0.451), 10: (0.475, 0.542), 20: (0.565, 0.653),
  ]

  /// The fixed-point diagnostic: Eq. 20 over the exact fixed point of the
  /// reference recursion (η = 1e-3, σ² = 1e-3), and y/Eq. 20 with constant |g|
  /// after 40, 200, 800, 2000 and 5000 steps, keyed by u.
  public static let fixedPoint: [Double: (eq20OverExact: Double, constant: [Double])] = [
    0.01: (1.0510, [0.952, 0.951, 0.951, 0.951, 0.951]),
    0.03: (1.0166, [1.126, 0.984, 0.984, 0.984, 0.984]),
    0.1: (1.0048, [2.219, 1.027, 0.995, 0.995, 0.995]),
    0.3: (1.0014, [2.700, 1.390, 1.004, 0.999, 0.999]),
    0.5: (1.0008, [2.215, 1.513, 1.036, 0.999, 0.999]),
    1: (1.0003, [1.557, 1.372, 1.090, 1.006, 1.000]),
    2: (1.0001, [1.195, 1.155, 1.065, 1.012, 1.000]),
    3: (1.0001, [1.096, 1.079, 1.038, 1.009, 1.000]),
    10: (1.0000, [1.010, 1.008, 1.004, 1.001, 1.000]),
    100: (1.0000, [1.000, 1.000, 1.000, 1.000, 1.000]),
  ]

  /// The steps of ``fixedPoint``'s constant-gradient columns.
  public static let fixedPointSteps = [40, 200, 800, 2000, 5000]
}
