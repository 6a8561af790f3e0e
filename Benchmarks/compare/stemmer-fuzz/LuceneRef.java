// Prints normalize+stem of each input line with Java Lucene, for Benchmarks/compare/stemmer-fuzz/fuzz.py.
import java.io.*;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicStemmer;
public class LuceneRef {
  public static void main(String[] a) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(a[0]), StandardCharsets.UTF_8));
    PrintWriter w = new PrintWriter(new OutputStreamWriter(new FileOutputStream(a[1]), StandardCharsets.UTF_8));
    ArabicNormalizer n = new ArabicNormalizer(); ArabicStemmer s = new ArabicStemmer();
    String line;
    while ((line = r.readLine()) != null) {
      char[] buf = line.toCharArray(); int len = n.normalize(buf, buf.length); len = s.stem(buf, len);
      w.println(new String(buf, 0, len));
    }
    w.close();
  }
}
