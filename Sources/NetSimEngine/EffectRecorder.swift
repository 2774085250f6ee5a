#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The buffer the calling thread writes shared-state effects into while it runs a device's
/// events of a parallel instant (ADR 0024); nil on a thread that applies them directly (every
/// thread outside a parallel instant).
///
/// A thread-local is how the engine's few choke points (scheduling, carrying frames over links,
/// logging, state-change notes) learn, without an argument threaded through every protocol
/// callback, that they must write down instead of act.
enum EffectRecorder {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }()

    static var current: DeferredEffects? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<DeferredEffects>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs `body` with `buffer` as the calling thread's recorder. The caller keeps `buffer`
    /// alive for the duration.
    static func recording<Result>(into buffer: DeferredEffects, _ body: () throws -> Result) rethrows -> Result {
        pthread_setspecific(key, Unmanaged.passUnretained(buffer).toOpaque())
        defer { pthread_setspecific(key, nil) }
        return try body()
    }
}
