import FileOutput
import Foundation
import Testing
import Training

@Suite("Atomic file writes")
struct AtomicFileTests {
  @Test("a write replaces the old content and leaves no temporary file")
  func replace() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let path = directory + "/out.bin"
      try AtomicFile.write([1, 2, 3], to: path)
      #expect(try AtomicFile.read(path) == [1, 2, 3])
      try AtomicFile.write([9, 8], to: path)
      #expect(try AtomicFile.read(path) == [9, 8])
      try AtomicFile.write([], to: path)
      #expect(try AtomicFile.read(path) == [])
      #expect(try CheckpointScratch.contents(of: directory) == ["out.bin"])
    }
  }

  @Test("text files (CSV, markdown) are written as UTF-8")
  func text() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let path = directory + "/results.md"
      let table = "| optimizer | σ² |\n|---|---|\n| AdaBayes | 1e-3 |\n"
      try AtomicFile.write(table, to: path)
      #expect(try AtomicFile.read(path) == Array(table.utf8))
      #expect(try CheckpointScratch.contents(of: directory) == ["results.md"])
    }
  }

  @Test("a file larger than the read chunk")
  func large() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let path = directory + "/large.bin"
      let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      try AtomicFile.write(bytes, to: path)
      #expect(try AtomicFile.read(path) == bytes)
    }
  }

  @Test("a FIFO or a directory at the destination is refused and left as it is")
  func specialDestination() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let fifo = directory + "/pipe", folder = directory + "/folder"
      #expect(mkfifo(fifo, 0o644) == 0)
      #expect(mkdir(folder, 0o755) == 0)
      for path in [fifo, folder] {
        #expect(throws: FileOutputError.self) { try AtomicFile.write([1], to: path) }
        var status = stat()
        #expect(lstat(path, &status) == 0)
        #expect(status.st_mode & S_IFMT == (path == fifo ? S_IFIFO : S_IFDIR))
      }
      // No temporary file was left beside them.
      #expect(try CheckpointScratch.contents(of: directory).sorted() == ["folder", "pipe"])
    }
  }

  @Test("a missing directory is an I/O error and leaves nothing behind")
  func missingDirectory() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let path = directory + "/absent/out.bin"
      do throws(FileOutputError) {
        try AtomicFile.write([1], to: path)
        Issue.record("wrote into a missing directory")
      } catch {
        guard case .io(let errorPath, let reason) = error else {
          Issue.record("expected .io, got \(error)")
          return
        }
        #expect(errorPath == path)
        #expect(reason.hasPrefix("open"))
        #expect(error.description.contains(path))
      }
      #expect(try CheckpointScratch.contents(of: directory).isEmpty)
    }
  }

  @Test("a failed rename removes the temporary file and keeps the destination")
  func failedRename() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      // The destination is a non-empty directory: the temporary file is written and synced, then rename fails.
      let destination = directory + "/occupied"
      try CheckpointScratch.makeDirectory(destination)
      try AtomicFile.write([7], to: destination + "/keep.bin")
      do throws(FileOutputError) {
        try AtomicFile.write([1, 2, 3], to: destination)
        Issue.record("renamed a file over a non-empty directory")
      } catch {
        guard case .io(let path, let reason) = error else {
          Issue.record("expected .io, got \(error)")
          return
        }
        #expect(path == destination)
        #expect(reason.hasPrefix("rename"))
      }
      #expect(try CheckpointScratch.contents(of: directory) == ["occupied"])
      #expect(try CheckpointScratch.contents(of: destination) == ["keep.bin"])
      #expect(try AtomicFile.read(destination + "/keep.bin") == [7])
    }
  }

  @Test("paths that name no file are refused")
  func notAFile() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      for path in ["", directory + "/", directory + "/.", directory + "/.."] {
        #expect(throws: FileOutputError.io(path: path, reason: "not a file path")) { try AtomicFile.write([1], to: path) }
      }
      #expect(throws: FileOutputError.self) { try AtomicFile.read(directory) }
      #expect(try CheckpointScratch.contents(of: directory).isEmpty)
    }
  }

  @Test("a concurrent reader sees only complete old or new contents")
  func concurrentReader() async throws {
    try await CheckpointScratch.withDirectory { (directory: String) async throws in
      let path = directory + "/live.bin"
      let old = [UInt8](repeating: 0xAA, count: 256 << 10)
      let new = [UInt8](repeating: 0x55, count: 128 << 10)
      try AtomicFile.write(old, to: path)
      let rounds = 40
      try await withThrowingTaskGroup(of: Int.self) { group in
        group.addTask {
          for round in 0..<rounds { try AtomicFile.write(round % 2 == 0 ? new : old, to: path) }
          return rounds
        }
        group.addTask {
          var reads = 0
          for _ in 0..<400 {
            let content = try AtomicFile.read(path)
            #expect(content == old || content == new, "a read saw \(content.count) bytes of mixed content")
            reads += 1
          }
          return reads
        }
        var total = 0
        for try await count in group { total += count }
        #expect(total == rounds + 400)
      }
      #expect(try AtomicFile.read(path) == old)
      #expect(try CheckpointScratch.contents(of: directory) == ["live.bin"])
    }
  }
}
