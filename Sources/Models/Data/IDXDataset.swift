extension Dataset {
  /// A classification data set from an IDX image file and an IDX label file
  /// (the MNIST layout), gzipped or plain.
  ///
  /// The images file must have three dimensions `[count, rows, columns]`;
  /// each image becomes one example of `rows × columns` features, the pixel
  /// bytes divided by 255 (so every feature is in [0, 1]). The labels file
  /// must have one dimension `[count]` with a class in `0..<classes` per image.
  ///
  /// - Parameters:
  ///   - images: path of the `idx3-ubyte` images file.
  ///   - labels: path of the `idx1-ubyte` labels file.
  ///   - classes: the number of classes (10 for digits).
  ///   - name: the data set's name; defaults to the images path.
  /// - Throws: ``DataError`` from ``IDXFile/load(path:)``, or naming the file
  ///   whose shape is wrong, both files when their counts differ, and the
  ///   labels file, example index and value for a label out of range.
  public static func loadIDX(images: String, labels: String, classes: Int = 10, name: String? = nil) throws(DataError)
    -> Dataset
  {
    precondition(classes >= 1 && classes <= 256, "Dataset.loadIDX: classes must be in 1...256, got \(classes)")
    let imageFile = try IDXFile.load(path: images)
    guard imageFile.dimensions.count == 3 else {
      throw .invalid(
        path: images, reason: "an images file needs 3 dimensions [count, rows, columns], found \(imageFile.dimensions)")
    }
    let labelFile = try IDXFile.load(path: labels)
    guard labelFile.dimensions.count == 1 else {
      throw .invalid(path: labels, reason: "a labels file needs 1 dimension [count], found \(labelFile.dimensions)")
    }
    let count = imageFile.dimensions[0]
    guard labelFile.dimensions[0] == count else {
      throw .invalid(
        path: images, reason: "has \(count) images but \(labels) has \(labelFile.dimensions[0]) labels")
    }
    guard count > 0 else { throw .invalid(path: images, reason: "contains no images") }
    let featureCount = imageFile.dimensions[1] * imageFile.dimensions[2]
    guard featureCount > 0 else {
      throw .invalid(
        path: images, reason: "images of \(imageFile.dimensions[1])×\(imageFile.dimensions[2]) pixels have no features")
    }
    var classLabels = [Int]()
    classLabels.reserveCapacity(count)
    for (i, byte) in labelFile.bytes.enumerated() {
      guard Int(byte) < classes else {
        throw .malformed(
          path: labels, line: nil,
          reason: "example \(i) (byte \(8 + i)) has label \(byte), expected a class in 0..<\(classes)")
      }
      classLabels.append(Int(byte))
    }
    let table = (0...255).map { Scalar($0) / 255 }
    let pixels = imageFile.bytes.map { table[Int($0)] }
    return Dataset(
      unchecked: name ?? images, featureCount: featureCount, features: pixels, labels: classLabels, targets: [],
      task: .classification(classes: classes))
  }
}
