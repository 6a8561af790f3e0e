/// Options that cannot be used: a threshold outside its range, a size of
/// zero, settings that contradict each other. Thrown by the initializers of
/// finders, clusterers and workflows before any work is done.
public struct OptionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The option, by its library name (`threshold`, `shingleSize`, …).
    public var option: String
    /// What is wrong, in words that name the option and the value.
    public var message: String

    /// An error about `option`.
    /// - Complexity: O(1).
    public init(option: String, message: String) {
        self.option = option
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
