import ArgumentParser
import Foundation
import Optimizers

/// `kfopt optimizers`: the registry — names, hyperparameters, defaults, references.
struct OptimizersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimizers",
    abstract: "List every optimizer with its hyperparameters, defaults and reference.",
    discussion: "Flags mean what the reference's keyword of the same name means. Examples:\n  kfopt optimizers\n  kfopt optimizers --json")

  @Flag(help: "One JSON object per optimizer, one per line.") var json = false

  func run() throws {
    for kind in OptimizerKind.allCases {
      if json {
        var defaults: [String: Any] = [:]
        for h in kind.hyperparameters {
          switch kind.defaultValue(h) {
          case .real(let x): defaults[h.rawValue] = x
          case .integer(let k): defaults[h.rawValue] = k
          case .flag(let b): defaults[h.rawValue] = b
          case .variant(let v): defaults[h.rawValue] = v.rawValue
          }
        }
        let object: [String: Any] = [
          "name": kind.rawValue, "summary": kind.summary, "reference": kind.reference, "defaults": defaults,
          "posterior": kind.hasPosterior,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
      } else {
        print("\(kind.rawValue) — \(kind.summary)")
        print("  reference: \(kind.reference)")
        for h in kind.hyperparameters {
          let flag = "--\(h.rawValue)".padding(toLength: 26, withPad: " ", startingAt: 0)
          print("  \(flag)default \(kind.defaultValue(h))".padding(toLength: 50, withPad: " ", startingAt: 0) + h.summary)
        }
        print("")
      }
    }
  }
}
