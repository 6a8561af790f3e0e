// One word, three stemmers (each applies its reference's own normalization first).
import ArabicText

for word in ["والمكتبات", "المعلمون", "يكتبونها", "استخدام"] {
    let stems = [StemmingAlgorithm.lucene, .snowball, .isri].map { ArabicStemmer($0).stem(word) }
    print(word, stems.joined(separator: "  "))
}
