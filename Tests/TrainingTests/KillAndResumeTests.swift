import Foundation
import Models
import Optimizers
import TestSupport
import Testing
import Training

/// `kfopt train --checkpoint` killed with SIGKILL at random moments, then resumed, ends where an
/// uninterrupted run ends, bit for bit; every checkpoint left on disk is a complete one.
@Suite("Kill and resume", .tags(.endToEnd))
struct KillAndResumeTests {
  static let epochs = 40
  static let arguments = [
    "train", "--model", "mlp:64-32-10", "--data", "digits", "--optimizer", "adam", "--lr", "0.01",
    "--batch-size", "32", "--seed", "3", "--epochs", "\(epochs)", "--json",
  ]

  /// The plan the arguments above make, for restoring the checkpoint in this process.
  static var plan: TrainingPlan {
    var settings = OptimizerSettings()
    try? settings.set(.learningRate, .real(0.01))
    return TrainingPlan(
      model: .mlp([64, 32, 10]), data: DataSource("digits"), optimizer: .adam, settings: settings, epochs: epochs, batchSize: 32,
      seed: 3)
  }

  /// A trainer restored from the checkpoint in `directory`.
  static func restored(from directory: String) throws -> Trainer<Float> {
    let data = try PreparedData<Float>.load(plan.data, seed: plan.seed, dataDirectory: Repository.root + "/Data")
    var trainer = try Trainer<Float>(plan: plan, data: data)
    try CheckpointStore(directory: directory).restore(&trainer)
    return trainer
  }

  /// Starts `kfopt arguments…` and sends SIGKILL after `delay` seconds unless it finished; true when it finished.
  static func run(_ arguments: [String], killingAfter delay: Double, writePause: Int = 0) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: KFOptProcess.executable)
    process.arguments = arguments
    if writePause > 0 {
      var environment = ProcessInfo.processInfo.environment
      environment["KALMANOPT_FAULT_INJECTION_WRITE_PAUSE_MS"] = "\(writePause)"
      process.environment = environment
    }
    process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(delay)
    while process.isRunning && Date() < deadline { usleep(2_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return process.terminationReason == .exit && process.terminationStatus == 0
  }

  @Test("SIGKILL at random moments, resume each time: every checkpoint complete, the end bit-identical")
  func killAndResume() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-kill-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let clean = root + "/clean", killed = root + "/killed"

    // The uninterrupted run, timed to spread the kills over it.
    let start = Date()
    #expect(try Self.run(Self.arguments + ["--checkpoint", clean], killingAfter: 600))
    let duration = Date().timeIntervalSince(start)

    var random = SplitMix64(seed: 11)
    var finished = false, kills = 0, lastEpochs = 0, abandonedWrites = 0
    for attempt in 0..<11 where !finished {
      let resume = FileManager.default.fileExists(atPath: killed + "/checkpoint.kfopt")
      // Ten kills spread over what is left of the run; the eleventh run goes to the end.
      let remaining = Double(Self.epochs - lastEpochs) / Double(Self.epochs)
      let delay = attempt < 10 ? 0.02 + random.nextUnit() * duration * remaining : 600
      // Every other run pauses halfway through each checkpoint write, so that kills land there too.
      finished = try Self.run(
        Self.arguments + ["--checkpoint", killed] + (resume ? ["--resume"] : []), killingAfter: delay,
        writePause: attempt % 2 == 1 && attempt < 10 ? 20 : 0)
      if !finished { kills += 1 }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: killed)) ?? []
      abandonedWrites += names.filter { $0.hasPrefix(".checkpoint.kfopt.tmp-") }.count
      // Whatever is on disk now is a complete checkpoint, never older than the last one seen.
      if FileManager.default.fileExists(atPath: killed + "/checkpoint.kfopt") {
        let trainer = try Self.restored(from: killed)
        #expect(trainer.completedEpochs >= lastEpochs)
        lastEpochs = trainer.completedEpochs
      }
    }
    #expect(finished)
    print("kill and resume: \(kills) kills, \(abandonedWrites) of them during a checkpoint write")
    #expect(kills >= 5, "only \(kills) of the runs were killed before they finished")
    let a = try Self.restored(from: clean), b = try Self.restored(from: killed)
    #expect(a.completedEpochs == Self.epochs && b.completedEpochs == Self.epochs)
    #expect(a.optimizer.parameters == b.optimizer.parameters, "resumed parameters differ from the uninterrupted run")
    #expect(a.optimizer.meanSquaredGradients == b.optimizer.meanSquaredGradients)
    #expect(a.optimizer.stepCount == b.optimizer.stepCount)
    // The last successful write removed the temporary files of the killed ones.
    #expect(try FileManager.default.contentsOfDirectory(atPath: killed) == ["checkpoint.kfopt"])
  }
}
