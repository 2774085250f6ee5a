/// A capture being written: the `PacketCapture` that turns frames into records and the
/// `AtomicCaptureFile` they go to. `finish()` puts the file in place; until then the destination
/// is untouched and the records so far are in the temporary file beside it.
public struct CaptureRecording {
    public let request: CaptureRequest
    public let capture: PacketCapture
    public let file: AtomicCaptureFile

    public init(request: CaptureRequest, capture: PacketCapture, file: AtomicCaptureFile) {
        self.request = request
        self.capture = capture
        self.file = file
    }

    /// Renames the complete capture into place; on a failed write, removes the temporary file
    /// and reports the failure instead (the destination keeps what it held).
    public func finish() throws(AtomicCaptureFile.Failure) {
        try file.commit()
    }
}
