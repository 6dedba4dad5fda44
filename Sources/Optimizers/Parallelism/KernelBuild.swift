/// How the optimizer kernels of this binary were compiled, which decides
/// their vector width: for the CPU of the machine that built them
/// (`KALMANOPT_NATIVE=1`, e.g. AVX2 8-wide), or for the platform's baseline
/// instruction set (SSE2 4-wide on x86-64), what a package depending on this
/// one gets. `kfopt bench` reports it with its figures.
public enum KernelBuild: String, Sendable {
  case native
  case portable

  /// The build of this binary.
  public static var current: KernelBuild {
    #if KALMANOPT_NATIVE
    .native
    #else
    .portable
    #endif
  }

  /// One line for a report.
  public var summary: String {
    switch self {
    case .native: "optimizer kernels: native build (KALMANOPT_NATIVE=1, compiled for the CPU that built them)"
    case .portable: "optimizer kernels: portable build (baseline instruction set; `make bench` measures the native one)"
    }
  }
}
