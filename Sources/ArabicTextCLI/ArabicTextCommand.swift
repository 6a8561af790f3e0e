import ArgumentParser

public struct ArabicTextCommand: ParsableCommand {
    public init() {}
    public static func runAsMain() { main() }
}
