/// A transform whose step is one element-wise loop, compiled for Float and
/// for Double.
///
/// Optimizers are used through `any OptimizerProtocol<Scalar>` from code
/// generic over the scalar (the trainer, the CLI), and a generic witness runs
/// unspecialised code: every `*` a call through a witness table, nothing
/// vectorised. ``run(_:_:_:_:_:_:)`` checks the scalar type once per step and
/// calls ``kernel(_:_:_:_:_:_:)`` on the same value re-typed as `FloatKernel`
/// or `DoubleKernel` (the same type when `Scalar` is `Float` or `Double`), so
/// the loop that runs is the specialised, vectorised one.
protocol ElementwiseKernel: GradientTransformation {
  /// This transform with `Scalar == Float` (e.g. `Adam<Float>`).
  associatedtype FloatKernel: ElementwiseKernel where FloatKernel.Scalar == Float
  /// This transform with `Scalar == Double`.
  associatedtype DoubleKernel: ElementwiseKernel where DoubleKernel.Scalar == Double

  /// The step's loop: increments the step count in `state`, then for every
  /// i writes θᵢ + Δᵢ (`.parameters`) or Δᵢ (`.increments`) to `out[i]`,
  /// through ``forEachElement(_:_:_:_:_:_:)``.
  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget)
}

extension ElementwiseKernel {
  /// Runs ``kernel(_:_:_:_:_:_:)`` specialised for the actual scalar type:
  /// `float` and `double` are `{ Self<Float>.kernel }` and `{ Self<Double>.kernel }`
  /// written out in the conforming type, where the compiler sees the concrete type.
  @inline(__always)
  func dispatch(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget,
    float: (FloatKernel, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, inout FloatKernel.State) -> Void,
    double: (DoubleKernel, UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, inout DoubleKernel.State) -> Void
  ) {
    if Scalar.self == Float.self {
      let specialised = unsafeBitCast(self, to: FloatKernel.self)
      withUnsafeMutablePointer(to: &state) { p in
        let s = UnsafeMutableRawPointer(p).assumingMemoryBound(to: FloatKernel.State.self)
        float(specialised, retyped(g), retyped(theta), retyped(out), &s.pointee)
      }
    } else if Scalar.self == Double.self {
      let specialised = unsafeBitCast(self, to: DoubleKernel.self)
      withUnsafeMutablePointer(to: &state) { p in
        let s = UnsafeMutableRawPointer(p).assumingMemoryBound(to: DoubleKernel.State.self)
        double(specialised, retyped(g), retyped(theta), retyped(out), &s.pointee)
      }
    } else {
      kernel(g, theta, out, n, &state, target)
    }
  }
}

/// `pointer` as a pointer to `Target`, which is its own element type at run time.
@inline(__always)
func retyped<Source, Target>(_ pointer: UnsafePointer<Source>) -> UnsafePointer<Target> {
  UnsafeRawPointer(pointer).assumingMemoryBound(to: Target.self)
}

/// `pointer` as a pointer to `Target`, which is its own element type at run time.
@inline(__always)
func retyped<Source, Target>(_ pointer: UnsafeMutablePointer<Source>) -> UnsafeMutablePointer<Target> {
  UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Target.self)
}
