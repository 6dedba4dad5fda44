// KalmanBasics — what the filtering core does, on real data.
//
// Question: does a Kalman filter that sees one patient at a time reach the
// exact Bayesian linear-regression posterior, and where does the AdaBayes
// filter's learning rate σ²_post settle between SGD and Adam?
//
// Claims (each is also a test in Tests/FilteringTests):
// 1. F = I, Q = 0 on the diabetes data reproduces the batch posterior to
//    round-off, and its summed log-likelihood is the model evidence.
// 2. The scalar filter iterated with constant curvature g² settles on the
//    exact Riccati root; Eq. 20 lies within ≈ λs/2 of it, and moves from the
//    SGD plateau σ² to the Adam line η/|g| as |g| grows.
//
// Run: swift run -c release KalmanBasics [--out DIR]   (--quick is accepted; the run takes < 1 s)
import Experiments
import Filtering
import Foundation
import Linalg
import Models

// MARK: - 1. Setup: the diabetes data, standardised, with an intercept

func dataPath(_ name: String) -> String {
  // Run from the repository root (make demo does); KALMANOPT_DATA overrides.
  (ProcessInfo.processInfo.environment["KALMANOPT_DATA"] ?? "Data") + "/" + name
}

func run(_ notebook: inout Notebook) throws {
  var text: [String] = []
  func print(_ line: String) { text.append(line) }
  defer { notebook.paragraph(text.joined(separator: "\n").trimmingCharacters(in: .newlines)) }
  let raw = try Dataset<Double>.load(path: dataPath("diabetes.csv"), target: "target", task: .regression)
  let data = Standardizer(fittedOn: raw).apply(to: raw)
  let (x, y) = LinearRegression.design(data)
  let names = try CSVTable.load(path: dataPath("diabetes.csv")).columns.filter { $0 != "target" } + ["intercept"]
  let n = x.rows, d = x.columns
  let priorVariance = 1e4, noiseVariance = 3000.0

  // MARK: - 2. The filter, one patient per step (recursive least squares)

  print("# KalmanBasics\n")
  print("## 1. Bayesian linear regression as a Kalman filter (diabetes, n = \(n), d = \(d))\n")
  print("Prior w ~ N(0, \(Int(priorVariance))·I), noise variance \(Int(noiseVariance)); F = I, Q = 0, H_t = x_tᵀ.\n")
  let shown = ["bmi", "bp", "s5", "intercept"]
  print("| patients seen | " + shown.map { "\($0) (mean ± sd)" }.joined(separator: " | ") + " | log-likelihood |")
  print("|---|" + shown.map { _ in "---|" }.joined() + "---|")
  var belief = try Gaussian(mean: [Double](repeating: 0, count: d), covariance: priorVariance * .identity(d))
  var logEvidence = 0.0
  let start = Date()
  for i in 0..<n {
    let observation = try LinearObservation(matrix: .row(x.row(i)), noiseCovariance: .diagonal([noiseVariance]))
    let step = try belief.predicted(by: .identity(d)).updated(by: observation, observing: [y[i]])
    belief = step.posterior
    logEvidence += step.innovation?.logLikelihood ?? 0
    if [10, 50, 100, 200, n].contains(i + 1) {
      let cells = shown.map { name -> String in
        let k = names.firstIndex(of: name) ?? 0
        return String(format: "%8.2f ± %6.2f", belief.mean[k], belief.covariance[k, k].squareRoot())
      }
      print("| \(i + 1) | " + cells.joined(separator: " | ") + String(format: " | %.3f |", logEvidence))
    }
  }
  let elapsed = Date().timeIntervalSince(start)

  // MARK: - 3. The exact posterior by the normal equations, for comparison

  let (exactMean, exactCovariance) = try LinearRegression.exactPosterior(data, priorVariance: priorVariance, noiseVariance: noiseVariance)
  let meanGap = zip(belief.mean, exactMean).map { abs($0 - $1) }.max() ?? 0
  let covarianceGap = zip(belief.covariance.elements, exactCovariance.elements).map { abs($0 - $1) }.max() ?? 0
  let marginal = try Gaussian(
    mean: [Double](repeating: 0, count: n), covariance: priorVariance * x.gram(.none) + noiseVariance * .identity(n))
  let directEvidence = try marginal.logDensity(y)
  print("")
  print(String(format: "- filter vs exact posterior: max |Δmean| = %.2e, max |Δcov| = %.2e", meanGap, covarianceGap))
  print(String(format: "- log evidence: filter %.6f, direct N(y; 0, τ²XXᵀ + s²I) %.6f", logEvidence, directEvidence))
  print(String(format: "- %d sequential updates in %.1f ms", n, elapsed * 1000))

  // MARK: - 4. The AdaBayes filter's learning rate under constant curvature

  let eta = 1e-3, sigma2 = 0.1 / 128
  let ou = ScalarTransition.ornsteinUhlenbeck(stepVariance: eta * eta, stationaryVariance: sigma2)
  print("\n## 2. Where σ²_post settles (η = 1e-3, σ² = 0.1/128, OU prior)\n")
  print("| \\|g\\| | η/\\|g\\| | iterated filter | exact root | Eq. 20 | Eq. 20 gap | predicted λs/2 |")
  print("|---|---|---|---|---|---|---|")
  for g in [1e-2, 1e-1, 1, 10, 100] {
    let lambda = g * g
    var s = ScalarGaussian(mean: 0.0, variance: sigma2)
    for _ in 0..<100_000 { s = s.predicted(by: ou).updated(with: QuadraticEvidence(gradient: 0, curvature: lambda)) }
    let exact = SteadyState.exactPosteriorVariance(transition: ou, curvature: lambda)
    let eq20 = SteadyState.fixedPointVariance(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: lambda)
    print(String(format: "| %g | %.3e | %.6e | %.6e | %.6e | %+.2e | %.2e |", g, eta / g, s.variance, exact, eq20, (eq20 - exact) / exact, lambda * exact / 2))
  }
  print("\nSmall |g|: σ²_post → σ² = \(String(format: "%.3e", sigma2)) (SGD). Large |g|: σ²_post → η/|g| (Adam).")
}

NotebookRunner.run("KalmanBasics") { notebook in try run(&notebook) }
