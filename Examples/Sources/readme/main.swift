import ArabicText

// The seed articles (run from the repository's root).
let documents = CorpusReader(paths: ["seeds"]).readAll().documents

// Single texts: normalize, tokenize with byte offsets, stem, analyze.
print(ArabicNormalizer(.search).normalize("إِنَّ الـــكتابَ"))          // ان الكتاب
print(ArabicTokenizer().tokenStrings("قال: «مرحبا» 2024م"))            // ["قال", ":", "«", "مرحبا", "»", "2024م"]
print(ArabicStemmer(.lucene).stem("والمكتبات"))                       // مكتب
print(TextAnalyzer().terms("والمكتبات العامة في المدينة"))          // ["مكتب", "عام", "مدين"]

// `arabic-text cluster`, as one call: stories with titles and readable terms.
let clustering = try StoryClustering().run(documents)
for (index, story) in clustering.stories.enumerated() {
    print(story.members.count, clustering.title(of: story.representative), clustering.terms(of: index))
}

// `arabic-text dedup --lines`: duplicate groups and repeated lines.
let scan = try DuplicateScan(options: .init(findsRepeatedLines: true)).run(documents)
print(scan.report.groups.count, "duplicate groups,", scan.lineGroups.count, "groups of repeated lines")

// TF-IDF with scikit-learn's formulas, then every pair of documents above a cosine.
let (model, matrix) = try TermWeighting().fit(documents)
print(model.featureCount, "features;", SimilarityIndex(matrix).pairs(atLeast: 0.1).count, "pairs above 0.1")
