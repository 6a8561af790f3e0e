import Testing
@testable import ArabicText

/// One targeted case per rule; expected values are those of the references
/// (Java Lucene, PyStemmer 3.1.0, NLTK 3.10.4 ISRI).
@Suite("Stemmer rules, one case each")
struct StemmerRuleTests {
    @Test("lucene", arguments: [
        ("الكتاب", "كتاب"),        // ال needs 4 letters
        ("وال", "وال"),            // too short for any prefix
        ("والد", "الد"),            // وال fails (needs 5), falls through to و
        ("والكتاب", "كتاب"),        // وال, and the ال after it is not looked at
        ("بالكتاب", "كتاب"), ("كالكتاب", "كتاب"), ("فالكتاب", "كتاب"), ("للكتاب", "كتاب"),
        ("وكتب", "كتب"),            // و needs 4 letters
        ("وبالكتاب", "بالكتاب"),     // only one prefix, and وب is not one
        ("كتابيها", "كتاب"),        // ها then ي, in list order
        ("كتابهاه", "كتابها"),      // ه removed; ها was already passed
        ("على", "عل"),             // ى became ي, then ي is a suffix
        ("مكتبات", "مكتب"), ("معلمون", "معلم"), ("معلمين", "معلم"), ("مدرسة", "مدرس"),
        ("كتاب", "كتاب"), ("", ""), ("في", "في"), ("Saferworld", "Saferworld"),
        ("الْكِتَابُ", "كتاب"),      // diacritics go first (normalizer)
    ])
    func lucene(_ example: (String, String)) {
        #expect(ArabicStemmer(.lucene).stem(example.0) == example.1)
    }

    @Test("snowball", arguments: [
        ("الكتاب", "كتاب"), ("بالكتابين", "كتاب"), ("والخدمات", "والخدما"), ("مبدأ", "مبدء"),
        ("أسئلة", "اسيل"), ("ال٢٠١٥", "2015"), ("ﻻ", "لا"), ("كَتَبَ", "كتب"), ("مستشفى", "مستشفي"),
        ("علي", "عل"), ("بطاطس", "طاطس"), ("ببطاطس", "بطاطس"), ("أأفكتب", "اكتب"), ("أأبكتاب", "اكتاب"),
        ("سيستخدم", "يستخدم"), ("يستخدم", "استخدم"), ("فاطفالهم", "فاطفال"), ("المهيمن", "مهيم"),
        ("والكتاب", "والكتاب"), ("كتبوا", "كتب"), ("سيكتبونها", "يكتب"), ("منظمات", "منظما"),
        ("المفوضية", "مفوض"), ("", ""),
    ])
    func snowball(_ example: (String, String)) {
        #expect(ArabicStemmer(.snowball).stem(example.0) == example.1)
    }

    @Test("isri", arguments: [
        ("الكتاب", "كتب"), ("بالكتابين", "كتب"), ("مبدأ", "بدأ"), ("أسئلة", "سئل"), ("ال٢٠١٥", "٢٠١٥"),
        ("مستشفى", "شفى"), ("علي", "علي"), ("بطاطس", "ططس"), ("سيستخدم", "خدم"), ("فاطفالهم", "طفل"),
        ("سيكتبونها", "كبو"), ("مكاتب", "كتب"), ("يكون", "يكون"), ("والمعلمون", "علم"), ("منظمات", "نظم"),
        ("تفاعيل", "فعل"), ("انكسار", "كسر"), ("مستشفيات", "شفي"), ("الانسانية", "سان"), ("", ""),
    ])
    func isri(_ example: (String, String)) {
        #expect(ArabicStemmer(.isri).stem(example.0) == example.1)
    }

    @Test("none returns the word")
    func none() {
        #expect(ArabicStemmer(.none).stem("والمكتبات") == "والمكتبات")
    }

    @Test("long words and words of marks only do not trap", arguments: StemmingAlgorithm.allCases)
    func edges(_ algorithm: StemmingAlgorithm) {
        let stemmer = ArabicStemmer(algorithm)
        _ = stemmer.stem(String(repeating: "ﻻ", count: 500))
        _ = stemmer.stem(String(repeating: "وال", count: 300))
        #expect(stemmer.stem("\u{064E}\u{0651}").count <= 2)
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<20_000 {
            let word = String(decoding: RandomText.wellFormed(using: &generator, maxLength: 12), as: UTF8.self)
            _ = stemmer.stem(word)
        }
    }
}

@Suite("TextAnalyzer and stop words")
struct TextAnalyzerTests {
    @Test("normalized, stemmed Arabic words, stop words dropped, Latin lowercased")
    func terms() {
        let analyzer = TextAnalyzer(stemming: .lucene)
        #expect(analyzer.terms("والمكتبات العامة في المدينة") == ["مكتب", "عام", "مدين"])
        #expect(analyzer.terms("منظمة سيفيرورلد Saferworld") == ["منظم", "سيفيرورلد", "saferworld"])
        #expect(analyzer.terms("بلغت 34.8% عام ٢٠٢٢") == ["بلغت", "34.8%", "عام", "2022"])
    }

    @Test("without stop-word removal every word stays; custom lists work")
    func stopWordOptions() {
        #expect(TextAnalyzer(stopWords: nil).terms("في المدينة") == ["في", "مدين"])
        let custom = TextAnalyzer(stopWords: StopWordList(["مدينة"]))
        #expect(custom.terms("في المدينة مدينة") == ["في", "مدين"])
    }

    @Test("stop words match whatever the spelling: أن, إن, ان")
    func stopWordSpelling() {
        let analyzer = TextAnalyzer(stemming: .none)
        #expect(analyzer.terms("أن إن ان إلى الى على علي") == [])
    }

    @Test("sentence starts are marked on the first term of each sentence")
    func sentenceStarts() {
        var scratch = TextAnalyzer.Scratch()
        var starts: [Bool] = []
        Array("قال الوزير. ثم غادر المكتب\nعنوان جديد".utf8).withUnsafeBytes { raw in
            TextAnalyzer(stopWords: nil).forEachTerm(in: raw, scratch: &scratch) { starts.append($0.startsSentence) }
        }
        #expect(starts == [true, false, true, false, false, true, false])
    }

    @Test("the Arabic list has every kind of function word")
    func list() {
        let set = StopWordList.arabic.normalizedSet(ArabicNormalizer(.search))
        for word in ["في", "الذي", "هذه", "هم", "كان", "لكن", "فيها", "متى"] {
            #expect(set.contains(ArabicNormalizer(.search).normalize(word)), "\(word)")
        }
        #expect(set.count > 240)
    }
}
