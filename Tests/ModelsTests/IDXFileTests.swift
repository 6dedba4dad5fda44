import Foundation
import Models
import TestSupport
import Testing

@Suite("IDX files", .tags(.conformance))
struct IDXFileTests {
  static let trainImages = Repository.data("mnist5k-train-images-idx3-ubyte.gz")
  static let trainLabels = Repository.data("mnist5k-train-labels-idx1-ubyte.gz")
  static let testLabels = Repository.data("mnist5k-test-labels-idx1-ubyte.gz")

  @Test(.tags(.reference))
  func realMNISTFilesHaveTheDocumentedShapesAndClassCounts() throws {
    let images = try IDXFile.load(path: Self.trainImages)
    #expect(images.dimensions == [4000, 28, 28])
    #expect(images.bytes.count == 4000 * 28 * 28)
    #expect(images.bytes.contains(0) && images.bytes.contains(255))
    let train = try IDXFile.load(path: Self.trainLabels)
    #expect(train.dimensions == [4000])
    #expect((0..<10).map { digit in train.bytes.count { $0 == digit } } == Array(repeating: 400, count: 10))
    let test = try IDXFile.load(path: Self.testLabels)
    #expect(test.dimensions == [1000])
    #expect((0..<10).map { digit in test.bytes.count { $0 == digit } } == Array(repeating: 100, count: 10))
    let testImages = try IDXFile.load(path: Repository.data("mnist5k-test-images-idx3-ubyte.gz"))
    #expect(testImages.dimensions == [1000, 28, 28])
  }

  @Test func anUncompressedCopyLoadsTheSameBytes() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    for source in [Self.trainLabels, Self.trainImages] {
      let gzipped = try IDXFile.load(path: source)
      let plain = try scratch.write(
        "plain-\(gzipped.dimensions.count)", bytes: idxBytes(dimensions: gzipped.dimensions, payload: gzipped.bytes))
      #expect(try fileBytes(plain).prefix(2) == [0, 0])  // really not gzip
      #expect(try IDXFile.load(path: plain) == gzipped)
    }
  }

  @Test func bytesAreReadAsBigEndianDimensions() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let payload = (0..<(2 * 3 * 260)).map { UInt8(truncatingIfNeeded: $0) }
    let path = try scratch.write("small.idx", bytes: idxBytes(dimensions: [2, 3, 260], payload: payload))
    let file = try IDXFile.load(path: path)
    #expect(file.dimensions == [2, 3, 260])
    #expect(file.bytes == payload)
  }

  @Test(arguments: [
    ([1, 0, 8, 1], "bad magic number 0x01000801"),
    ([0, 1, 8, 1], "bad magic number 0x00010801"),
    ([0, 0, 0x0D, 1], "data type 0x0D is not supported"),
    ([0, 0, 0x09, 1], "data type 0x09 is not supported"),
    ([0, 0, 8, 0], "0 dimensions"),
    ([0, 0, 8, 5], "5 dimensions"),
  ] as [([UInt8], String)])
  func badMagicTypeOrRankIsAnErrorNamingTheFile(magic: [UInt8], fragment: String) throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let path = try scratch.write("bad.idx", bytes: magic + [0, 0, 0, 2, 7, 9])
    let error = #expect(throws: DataError.self) { try IDXFile.load(path: path) }
    let message = describe(error)
    #expect(message.hasPrefix(path), "\(message)")
    #expect(message.contains(fragment), "\(message)")
  }

  @Test func truncatedFilesAreErrorsAtEveryCut() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let labels = try IDXFile.load(path: Self.trainLabels)
    let whole = idxBytes(dimensions: labels.dimensions, payload: labels.bytes)
    for cut in [0, 2, 3, 4, 7, 8, 9, 2000, whole.count - 1] {
      let path = try scratch.write("cut-\(cut).idx", bytes: Array(whole.prefix(cut)))
      let error = #expect(throws: DataError.self, "cut at \(cut)") { try IDXFile.load(path: path) }
      let message = describe(error)
      #expect(message.hasPrefix(path), "\(message)")
      if cut >= 8 {
        #expect(message.contains("expected 4000 bytes of data, found \(cut - 8)"), "\(message)")
      } else {
        #expect(message.contains("file ends at byte \(cut)"), "\(message)")
      }
    }
  }

  @Test func trailingBytesAreAnError() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let path = try scratch.write("long.idx", bytes: idxBytes(dimensions: [3], payload: [1, 2, 3, 4]))
    let error = #expect(throws: DataError.self) { try IDXFile.load(path: path) }
    let message = describe(error)
    #expect(message.hasPrefix(path) && message.contains("byte 11: trailing data"), "\(message)")
  }

  @Test func anAbsurdHeaderIsRefusedBeforeAllocating() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let path = try scratch.write("huge.idx", bytes: idxBytes(dimensions: [65536, 65536, 1], payload: [0]))
    let error = #expect(throws: DataError.self) { try IDXFile.load(path: path) }
    let message = describe(error)
    #expect(message.hasPrefix(path) && message.contains("claim more than"), "\(message)")
  }

  /// Found by the IDX fuzzer: a 12-byte file whose header claims 2 GiB (within the limit) made
  /// the reader allocate the full claim before finding the data missing (peak RSS 1.8 GB).
  /// The buffer now grows with the bytes read; the memory this allocates is the peak resident
  /// size measured around the call, which must stay far below the claim.
  @Test func aLargeClaimWithNoDataAllocatesOnlyWhatIsRead() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let path = try scratch.write("claim.idx", bytes: idxBytes(dimensions: [32768, 65536], payload: []))
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    let before = usage.ru_maxrss
    let error = #expect(throws: DataError.self) { try IDXFile.load(path: path) }
    #expect(describe(error).contains("truncated"), "\(describe(error))")
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    // ru_maxrss is in KiB: the claim is 2 GiB, the read needs 1 MiB.
    #expect(usage.ru_maxrss - before < 512 * 1024, "peak RSS grew by \(usage.ru_maxrss - before) KiB")
  }

  @Test func corruptGzipIsAnErrorWithZlibsMessage() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let gzipped = try fileBytes(Self.trainLabels)
    // The gzip trailer is CRC-32 then the length; a wrong CRC is zlib's "incorrect data check".
    var badCRC = gzipped
    badCRC[gzipped.count - 8] ^= 0xFF
    let crcPath = try scratch.write("crc.gz", bytes: badCRC)
    let crcError = #expect(throws: DataError.self) { try IDXFile.load(path: crcPath) }
    let crcMessage = describe(crcError)
    #expect(crcMessage.hasPrefix(crcPath) && crcMessage.contains("corrupt gzip data: incorrect data check"), "\(crcMessage)")
    // A gzip stream cut short.
    let shortPath = try scratch.write("short.gz", bytes: Array(gzipped.prefix(gzipped.count / 2)))
    let shortError = #expect(throws: DataError.self) { try IDXFile.load(path: shortPath) }
    #expect(describe(shortError).hasPrefix(shortPath + ": corrupt gzip data"), "\(describe(shortError))")
    // A wrong length in the trailer.
    var badLength = gzipped
    badLength[gzipped.count - 1] ^= 0x01
    let lengthPath = try scratch.write("length.gz", bytes: badLength)
    let lengthError = #expect(throws: DataError.self) { try IDXFile.load(path: lengthPath) }
    #expect(describe(lengthError).hasPrefix(lengthPath + ": corrupt gzip data"), "\(describe(lengthError))")
    // Damage inside the compressed data, at several places.
    let images = try fileBytes(Self.trainImages)
    for position in [200, images.count / 3, images.count / 2, images.count - 100] {
      var damaged = images
      for k in position..<position + 16 { damaged[k] ^= 0x5A }
      let path = try scratch.write("damaged-\(position).gz", bytes: damaged)
      let error = #expect(throws: DataError.self, "damage at \(position)") { try IDXFile.load(path: path) }
      #expect(describe(error).hasPrefix(path + ": corrupt gzip data"), "\(describe(error))")
    }
  }

  @Test func missingFileOrDirectoryIsUnreadable() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let missing = scratch.path + "/no-such.idx.gz"
    #expect(throws: DataError.unreadable(path: missing, reason: "no such file")) { try IDXFile.load(path: missing) }
    let error = #expect(throws: DataError.self) { try IDXFile.load(path: scratch.path) }
    guard case .unreadable(let path, _) = error else {
      Issue.record("expected .unreadable, got \(describe(error))")
      return
    }
    #expect(path == scratch.path)
  }
}
