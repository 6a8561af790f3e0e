import ArabicText
import ArgumentParser

extension ClusteringMethod: ExpressibleByArgument {}

/// `arabic-text cluster`: documents that tell the same story.
struct Cluster: ParsableCommand {
    /// The default cosine threshold (see the README for why).
    static let defaultThreshold = 0.5

    static let configuration = CommandConfiguration(
        abstract: "Cluster documents that tell the same story (TF-IDF cosine, average linkage).",
        discussion: """
            Documents are weighted by TF-IDF (default: word unigrams, Lucene light stems, stop \
            words removed, sublinear TF) and linked when their cosine similarity reaches the \
            threshold; the default method, average linkage over that sparse graph, merges \
            clusters only while their members stay on average at least the threshold similar, \
            so one strong link cannot chain unrelated stories. Exact and near duplicates \
            (dedup's defaults) always share a cluster and are marked. With no path, the \
            bundled seed articles are used.

            jsonl: one object per document, {"id", "cluster", "similarity", "size", \
            "representative", "duplicate", "duplicate_of"}: clusters are numbered from 1, \
            largest first; similarity is the cosine to the cluster's centroid. \
            tsv: the same fields, tab-separated, in that order.
            """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Cosine similarity for an edge, and the least average similarity inside a cluster (default: \(Cluster.defaultThreshold)).", valueName: "T"))
    var threshold: Double = Cluster.defaultThreshold

    @Option(help: ArgumentHelp("average (no chaining) or components (single link).", valueName: "method"))
    var method: ClusteringMethod = .average

    @Option(help: ArgumentHelp("Output format: table, jsonl or tsv (default: table on a terminal, else jsonl).", valueName: "format"))
    var format: ResultFormat?

    @Option(help: ArgumentHelp("A JSON field holding each document's title, for the table.", valueName: "field"))
    var titleField: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Clusters to show in the table (0 for all).", valueName: "n"))
    var limit: Int = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Members to show per cluster in the table.", valueName: "n"))
    var members: Int = 6

    @OptionGroup var weighting: WeightingOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        if !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be in (0, 1]") }
        if limit < 0 { throw ValidationError("--limit must not be negative") }
        if members < 1 { throw ValidationError("--members must be at least 1") }
    }

    func run() throws {
        let diagnostics = Diagnostics()
        let progress = Progress()
        let input = try self.input.withSeedsByDefault()
        progress.update("reading")
        let documents = input.readDocuments(reportingTo: diagnostics)
        let texts = documents.map(\.text)
        let threads = input.threadCount

        progress.update("weighting \(documents.count) documents")
        let analysis = try weighting.analysisSettings()
        let (model, matrix) = TFIDFModel.fitTransform(
            texts, analysis: analysis, features: weighting.features(wordRange: 1...1),
            options: weighting.tfidf(sublinearByDefault: true), threads: threads)
        progress.update("finding duplicates")
        let duplicates = DuplicateFinder(threads: threads).find(in: texts)
        progress.update("clustering")
        let clustering = DocumentClusterer(threshold: threshold, method: method, threads: threads)
            .cluster(matrix, mustLink: duplicates.clusterOfDocument)
        var titles: [String]? = nil
        if let titleField {
            var titleInput = input
            titleInput.textField = titleField
            let titleReading = titleInput.makeReader().readAll()
            if titleReading.documents.count == documents.count {
                titles = titleReading.documents.map { String(decoding: $0.text, as: UTF8.self) }
            } else {
                StandardError.line("arabic-text: warning: some documents lack the title field \(titleField); using first lines")
            }
        }
        progress.finish()

        let results = ClusterResults(
            documents: documents, clustering: clustering, duplicates: duplicates, model: model, analysis: analysis,
            titles: titles)
        let output = OutputStream()
        switch format ?? .automatic {
        case .table:
            let settings = "cosine ≥ \(JSONOutput.number(threshold)), \(method == .average ? "average linkage" : "connected components"); \(Self.describe(model))"
            results.writeTable(to: output, limit: limit, members: members, settings: settings)
        case .jsonl: results.writeJSONLines(to: output)
        case .tsv: results.writeTSV(to: output)
        }
        output.flush()
        try diagnostics.finish()
    }

    /// "word 1-grams, lucene stems, TF-IDF (sublinear TF), 12,345 features".
    static func describe(_ model: TFIDFModel) -> String {
        let range = model.features.ngramRange
        let grams = range.lowerBound == range.upperBound ? "\(range.lowerBound)-grams" : "\(range.lowerBound)–\(range.upperBound)-grams"
        let stems = model.analysis.stemming == .none ? "no stemming" : "\(model.analysis.stemming.rawValue) stems"
        return "\(model.features.kind.rawValue) \(grams), \(stems), TF-IDF\(model.options.sublinearTF ? " (sublinear TF)" : ""), \(model.featureCount) features"
    }
}

/// Everything `cluster` found, ready to print.
struct ClusterResults {
    let documents: [Document]
    let clustering: Clustering
    let duplicates: DuplicateReport
    let model: TFIDFModel
    let analysis: AnalysisSettings
    let titles: [String]?

    func title(_ document: Int, limit: Int) -> String {
        if let titles {
            let title = titles[document].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return title.count > limit ? String(title.prefix(limit - 1)) + "…" : title
        }
        return titleLine(of: documents[document].text, limit: limit)
    }

    /// For each document, the earlier document with the same normalized words, if any.
    let firstCopy: [Int?]

    init(
        documents: [Document], clustering: Clustering, duplicates: DuplicateReport, model: TFIDFModel,
        analysis: AnalysisSettings, titles: [String]?
    ) {
        self.documents = documents
        self.clustering = clustering
        self.duplicates = duplicates
        self.model = model
        self.analysis = analysis
        self.titles = titles
        var first: [TextFingerprint: Int] = [:]
        firstCopy = duplicates.sketches.fingerprints.enumerated().map { document, fingerprint in
            guard duplicates.groupOfDocument[document] != nil else { return nil }
            if let earlier = first[fingerprint] { return earlier }
            first[fingerprint] = document
            return nil
        }
    }

    /// "exact" for a copy of an earlier document, "near" for another member
    /// of a duplicate group (not its representative), else nil.
    func duplicateKind(_ document: Int) -> String? {
        if firstCopy[document] != nil { return "exact" }
        switch duplicates.role(of: document) {
        case .exact, .near: return "near"
        default: return nil
        }
    }

    /// The document this one copies: the earlier exact copy, or the duplicate group's representative.
    func duplicateOf(_ document: Int) -> String? {
        if let earlier = firstCopy[document] { return documents[earlier].id }
        guard duplicateKind(document) != nil, let group = duplicates.groupOfDocument[document] else { return nil }
        return documents[duplicates.groups[group].representative].id
    }

    func writeJSONLines(to output: OutputStream) {
        for (number, document) in documents.enumerated() {
            let clusterIndex = clustering.clusterOfDocument[number]
            let cluster = clustering.clusters[clusterIndex]
            var line = "{\"id\": \(JSONOutput.string(document.id)), \"cluster\": \(clusterIndex + 1)"
            line += ", \"similarity\": \(JSONOutput.number(clustering.similarity(of: number)))"
            line += ", \"size\": \(cluster.members.count), \"representative\": \(cluster.representative == number)"
            line += ", \"duplicate\": \(duplicateKind(number).map { "\"\($0)\"" } ?? "null")"
            line += ", \"duplicate_of\": \(duplicateOf(number).map(JSONOutput.string) ?? "null")}\n"
            output.write(line)
        }
    }

    func writeTSV(to output: OutputStream) {
        for (number, document) in documents.enumerated() {
            let clusterIndex = clustering.clusterOfDocument[number]
            let cluster = clustering.clusters[clusterIndex]
            output.write("\(tsvField(document.id))\t\(clusterIndex + 1)\t\(JSONOutput.number(clustering.similarity(of: number)))\t\(cluster.members.count)\t\(cluster.representative == number)\t\(duplicateKind(number) ?? "")\t\(duplicateOf(number).map(tsvField) ?? "")\n")
        }
    }

    func writeTable(to output: OutputStream, limit: Int, members memberLimit: Int, settings: String) {
        let clusters = clustering.clusters
        let multi = clusters.filter { $0.members.count > 1 }
        let inMulti = multi.reduce(0) { $0 + $1.members.count }
        output.write("\(counted(documents.count, "document")) in \(counted(clusters.count, "cluster")): \(multi.count) of 2 or more documents (\(counted(inMulti, "document")), largest \(clusters.first?.members.count ?? 0)), \(clusters.count - multi.count) single\n")
        output.write("settings: \(settings)\n")
        // Clusters of several documents first; single documents are listed only when nothing else is.
        let shownPool = multi.isEmpty ? clusters : multi
        let shown = limit == 0 ? shownPool.count : min(limit, shownPool.count)
        for (index, cluster) in shownPool.prefix(shown).enumerated() {
            let size = cluster.members.count
            let average = size > 1 ? " · average similarity \(JSONOutput.number(cluster.averagePairwiseSimilarity, digits: 2))" : ""
            output.write("\ncluster \(index + 1) · \(size) document\(size == 1 ? "" : "s")\(average)\n")
            output.write("  \(title(cluster.representative, limit: 90))\n")
            let featureNames = cluster.topFeatures.map { model.featureName($0.feature) }
            let memberTexts = cluster.members.prefix(50).map { documents[$0].text }
            let labels = TermLabels(analysis: analysis).labels(for: featureNames, in: memberTexts)
            output.write("  terms: \(labels.joined(separator: " · "))\n")
            for (position, member) in cluster.members.enumerated().prefix(memberLimit) {
                let marker = position == 0 ? "*" : " "
                let similarity = JSONOutput.number(cluster.similarities[position], digits: 2).padding(4)
                var note = ""
                if let kind = duplicateKind(member), let of = duplicateOf(member) {
                    note = kind == "exact" ? "  [exact copy of \(of)]" : "  [near duplicate of \(of)]"
                }
                output.write("  \(marker) \(similarity)  \(documents[member].id)  \(title(member, limit: 60))\(note)\n")
            }
            if size > memberLimit { output.write("    … and \(size - memberLimit) more\n") }
        }
        if shown < shownPool.count {
            output.write("\n… \(shownPool.count - shown) more clusters of 2 or more documents (--limit 0 shows all, --format jsonl lists every document)\n")
        }
    }
}
