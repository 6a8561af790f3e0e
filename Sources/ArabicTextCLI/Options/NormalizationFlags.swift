import ArabicText
import ArgumentParser

/// `--preset` plus one `--RULE` / `--no-RULE` flag per normalization rule.
struct NormalizationFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Normalization preset: lucene, search or light.", valueName: "preset"))
    var preset: NormalizationPreset = .search

    @Flag(help: "Switch a rule on (any number of them).")
    var enabled: [EnabledRule] = []

    @Flag(help: "Switch a rule off (any number of them).")
    var disabled: [DisabledRule] = []

    /// The preset with the flags applied (disabling wins over enabling).
    var options: NormalizationOptions {
        var options = preset.options
        for rule in enabled { options.insert(rule.rule) }
        for rule in disabled { options.remove(rule.rule) }
        return options
    }
}

extension NormalizationPreset: ExpressibleByArgument {}

extension NormalizationRule {
    /// The rule's flag name: `daggerAlef` is `dagger-alef`.
    var flagName: String {
        var name = ""
        for character in rawValue {
            if character.isUppercase {
                name += "-" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }
}

/// `--RULE`: switch a rule on.
struct EnabledRule: EnumerableFlag, Hashable {
    let rule: NormalizationRule
    static var allCases: [EnabledRule] { NormalizationRule.allCases.map(EnabledRule.init) }
    static func name(for value: EnabledRule) -> NameSpecification { .customLong(value.rule.flagName) }
    static func help(for value: EnabledRule) -> ArgumentHelp? { ArgumentHelp(value.rule.summary) }
}

/// `--no-RULE`: switch a rule off.
struct DisabledRule: EnumerableFlag, Hashable {
    let rule: NormalizationRule
    static var allCases: [DisabledRule] { NormalizationRule.allCases.map(DisabledRule.init) }
    static func name(for value: DisabledRule) -> NameSpecification { .customLong("no-" + value.rule.flagName) }
    static func help(for value: DisabledRule) -> ArgumentHelp? { ArgumentHelp(visibility: .hidden) }
}
