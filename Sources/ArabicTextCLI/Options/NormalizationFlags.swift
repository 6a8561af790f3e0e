import ArabicText
import ArgumentParser

/// `--preset` plus one `--RULE` / `--no-RULE` flag per normalization rule;
/// the switches apply in command-line order, so the last one about a rule wins.
struct NormalizationFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Normalization preset; the rule flags below then switch single rules on (--RULE) or off (--no-RULE), the last switch of a rule winning.", valueName: "preset"))
    var preset: NormalizationPreset = .search

    @Flag(help: "Switch a rule on (--RULE) or off (--no-RULE); the last switch of a rule wins.")
    var switches: [RuleSwitch] = []

    /// The preset with the switches applied in order.
    var options: NormalizationOptions {
        var options = preset.options
        for change in switches {
            if change.on { options.insert(change.rule) } else { options.remove(change.rule) }
        }
        return options
    }

    /// Whether anything was given (a preset other than the default, or a switch).
    var anyGiven: Bool { preset != .search || !switches.isEmpty }
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

/// `--RULE` or `--no-RULE`.
struct RuleSwitch: EnumerableFlag, Hashable {
    let rule: NormalizationRule
    let on: Bool
    static var allCases: [RuleSwitch] {
        NormalizationRule.allCases.map { RuleSwitch(rule: $0, on: true) } + NormalizationRule.allCases.map { RuleSwitch(rule: $0, on: false) }
    }
    static func name(for value: RuleSwitch) -> NameSpecification {
        .customLong(value.on ? value.rule.flagName : "no-" + value.rule.flagName)
    }
    static func help(for value: RuleSwitch) -> ArgumentHelp? {
        value.on ? ArgumentHelp(value.rule.summary) : ArgumentHelp(visibility: .hidden)
    }
}

extension NormalizationPreset {
    /// "search: tashkeel, dagger-alef, …" for help texts.
    var helpLine: String {
        let rules = options.rules.map(\.flagName)
        return "\(rawValue): " + (rules.isEmpty ? "no rules" : rules.joined(separator: ", "))
    }
}
