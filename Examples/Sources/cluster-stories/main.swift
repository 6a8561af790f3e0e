// Stories across outlets, as `arabic-text cluster` finds them:  cluster-stories [PATH...]
import ArabicText

let paths = CommandLine.arguments.count > 1 ? Array(CommandLine.arguments.dropFirst()) : ["seeds"]
let result = try StoryClustering(.init(threshold: 0.5)).run(CorpusReader(paths: paths))
for (index, story) in result.stories.enumerated().prefix(10) {
    print("\(story.members.count) · \(result.title(of: story.representative))")
    print("   terms: \(result.terms(of: index).joined(separator: " · "))")
}
