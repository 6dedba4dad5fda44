import Dispatch

/// Wall-clock timing of repeated runs: the median is what benchmarks report,
/// so one preempted run (a shared machine) does not move the figure.
public enum Stopwatch {
  /// The seconds each of `repetitions` calls of `body` took, after `warmUp` untimed calls.
  public static func samples(repetitions: Int, warmUp: Int = 1, _ body: () -> Void) -> [Double] {
    for _ in 0..<warmUp { body() }
    return (0..<Swift.max(1, repetitions)).map { _ in
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
  }

  /// The median of `samples`.
  public static func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return .nan }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
}
