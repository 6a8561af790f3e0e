import Testing
@testable import ArabicText

/// Every row of the reference files made with Java Lucene, PyStemmer and NLTK.
@Suite("Stemmers match their references on every row")
struct StemmerConformanceTests {
    static func check(_ file: String, column: Int, rows expectedRows: Int, _ stem: (String) -> String) {
        let rows = Fixtures.tsvRows(file)
        #expect(rows.count == expectedRows)
        var mismatches = 0
        for row in rows {
            let expected = row.count > column ? row[column] : ""
            let found = stem(row[0])
            if found != expected {
                mismatches += 1
                if mismatches <= 10 {
                    Issue.record("\(file): \(row[0]) (\(row[0].unicodeScalars.map { String($0.value, radix: 16) })) -> \(found), expected \(expected)")
                }
            }
        }
        #expect(mismatches == 0, "\(mismatches) mismatches in \(file)")
    }

    @Test("lucene: normalize then stem equals column 3 of lucene-arabic.tsv (53,450 rows)")
    func lucene() {
        let stemmer = ArabicStemmer(.lucene)
        Self.check("lucene-arabic.tsv", column: 2, rows: 53_450) { stemmer.stem($0) }
    }

    @Test("lucene: stemming the normalized column alone gives column 3")
    func luceneStemOnly() {
        let stemmer = ArabicStemmer(.lucene, normalizesForLucene: false)
        let rows = Fixtures.tsvRows("lucene-arabic.tsv")
        var mismatches = 0
        for row in rows where stemmer.stem(row[1]) != (row.count > 2 ? row[2] : "") { mismatches += 1 }
        #expect(mismatches == 0)
    }

    @Test("snowball: equals snowball-arabic.tsv (53,450 rows)")
    func snowball() {
        let stemmer = ArabicStemmer(.snowball)
        Self.check("snowball-arabic.tsv", column: 1, rows: 53_450) { stemmer.stem($0) }
    }

    @Test("isri: equals isri.tsv (53,450 rows)")
    func isri() {
        let stemmer = ArabicStemmer(.isri)
        Self.check("isri.tsv", column: 1, rows: 53_450) { stemmer.stem($0) }
    }

    @Test("Java counts UTF-16 units: the rows where Lucene++ differs follow Java")
    func supplementaryPlane() {
        let stemmer = ArabicStemmer(.lucene)
        for row in Fixtures.tsvRows("lucene-java-vs-lucenepp.tsv") {
            #expect(stemmer.stem(row[0]) == row[2], "\(row[0])")
        }
    }
}
